"""Synthetic, schema-valid corpora for the benchmarks: N case studies across many cities.

Seeded, so the same size gives the same files; written to a scratch folder, never committed.
Each file reads like a short real case study (about 2 KB): a title with a distinctive name,
a few paragraphs, sourced figures, finance, tags from a shared vocabulary and a related practice.

Run: .venv/bin/python bench/corpus.py 1000 /tmp/corpus-1000   (makes a whole project folder)
"""

import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 2026
SECTORS = ("transportation", "energy", "waste")
_VOCABULARY = (
    "bus lane cycle depot charging heat pump district network retrofit landfill methane compost organics "
    "tariff levy permit zone fleet procurement grid solar wind storage biogas recycling reuse deposit "
    "standard audit benchmark loan grant bond utility tenant owner freight delivery parking pricing "
    "congestion ferry tram metro rail walking school street tree canopy flood resilience jobs equity "
    "housing health air quality noise pilot scale contract tender council mayor budget residents "
    "businesses neighbourhood corridor boiler insulation lighting efficiency emission inventory target"
)
WORDS = _VOCABULARY.split()
INSTRUMENTS = ("regulation", "pricing", "public-investment", "procurement", "grant-subsidy", "planning")
OWNERS = ("city", "city-utility", "regional", "national", "private-utility", "shared")
POWERS = ("own-operate", "regulate", "procure", "fund-incentivize", "convene-advocate")
STATUSES = ("adopted", "implementing", "operational", "completed", "suspended")
COBENEFITS = ("air-quality", "health", "jobs", "cost-of-living", "mobility", "equity", "resilience")
UNITS = ("tCO2e/yr", "percent", "GWh/yr", "t/yr", "trips/day", "buildings")
NEEDS = ("run-public-transport", "manage-streets", "price-roads", "zone-land", "set-building-standards",
         "own-energy-utility", "collect-waste", "procure")  # fmt: skip
CONTEXTS = ("district-heating", "dense-core", "transit-network", "enabling-law", "higher-level-funding")
SCALES = ("any", "any", "over-100k", "over-500k", "over-1m")
SYLLABLES = ("bra", "ke", "lin", "dor", "vas", "mo", "tu", "ren", "sel", "quo", "pha", "zin", "ari", "gol", "wen")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def city_yaml(rng: random.Random, cid: str, name: str) -> str:
    lat, lon = round(rng.uniform(-50, 65), 4), round(rng.uniform(-170, 170), 4)
    base = rng.randint(1, 40) * 100_000
    population = rng.randint(50, 5000) * 1000
    later = int(base * rng.uniform(0.5, 0.95))
    return f"""name: {name}
country: {rng.choice(("SE", "DE", "US", "NO", "DK", "JP", "AU", "CA", "GB"))}
coordinates: {{lat: {lat}, lon: {lon}}}
membership: {rng.choice(("member", "next-wave"))}
targets:
  - kind: percent-reduction
    target_year: 2050
    status: adopted
    source: plan
    percent: 80
    baseline_year: 2005
    quote: "{name} will cut its emissions by 80% from 2005 levels by 2050."
population: {{value: {population}, year: 2020, source: plan, quote: "{name} had {population:,} residents in 2020."}}
inventories:
  - {{year: 2005, total_tco2e: {base}, protocol: gpc-basic, source: plan, quote: "2005: {base:,} tCO2e"}}
  - {{year: 2020, total_tco2e: {later}, protocol: gpc-basic, source: plan, quote: "2020: {later:,} tCO2e"}}
plans:
  - {{title: {name} climate plan, year: 2019, url: "https://example.org/{cid}/plan.pdf"}}
sources:
  plan: {{title: {name} climate action plan, url: "https://example.org/{cid}/plan.pdf", date: 2019}}
last_verified: 2026-01-15
"""


def _requires(pid: str) -> str:
    """What the practice needs, from its own generator (seeded by its id), so that the other fields come out
    as they did before this field existed."""
    rng = random.Random(pid)
    powers = ", ".join(sorted(rng.sample(NEEDS, rng.randint(1, 3)), key=NEEDS.index))
    context = ", ".join(sorted(rng.sample(CONTEXTS, rng.randint(0, 2)), key=CONTEXTS.index))
    scale = rng.choice(SCALES)
    return (
        f"transferability:\n  preconditions: [{_quote(_sentence(rng, 8))}]\n  requires:\n    powers: [{powers}]\n"
        f"    context: [{context}]\n    scale: {scale}\n{_learned(pid, rng)}"
    )


def _learned(pid: str, rng: random.Random) -> str:
    """What the practice learned from: every synthetic practice names one (a next-wave city's must)."""
    name = f"The {_name(rng, 3).capitalize()} scheme"
    return f'  learned_from:\n    - name: "{name}"\n      source: report\n      quote: "Modelled on it."\n'


def practice_yaml(rng: random.Random, pid: str, city: str, city_name: str, others: list[str]) -> str:
    label = _name(rng, 3).capitalize()
    paragraphs = "\n\n".join(
        "  " + " ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(2, 4))
    )
    tags = sorted({f"{rng.choice(WORDS)}-{rng.choice(WORDS)}" for _ in range(3)})
    started = rng.randint(1995, 2024)
    impacts = "\n".join(
        f"""  - metric: {_quote(_sentence(rng, 6)[:-1])}
    value: {(value := rng.randint(1, 90_000))}
    unit: {rng.choice(UNITS)}
    year: {min(started + rng.randint(1, 6), 2025)}
    type: {rng.choice(("projected", "estimated", "measured", "verified"))}
    confidence: {rng.choice(("high", "medium", "low"))}
    source: report
    quote: 'The evaluation gives {value:,} for this figure.'"""
        for _ in range(rng.randint(1, 3))
    )
    related = f"related: [{rng.choice(others)}]\n" if others and rng.random() < 0.5 else ""
    return f"""title: {_quote(f"{label} programme: {rng.choice(WORDS)} {rng.choice(WORDS)} in {city_name}")}
city: {city}
status: {rng.choice(STATUSES)}
started: {started}
summary: {_quote(" ".join(_sentence(rng, 10) for _ in range(2)))}
description: |
  **The {label} programme.** {paragraphs.lstrip()}
lever:
  owner: {rng.choice(OWNERS)}
  city_power: {rng.choice(POWERS)}
  advocacy_ask: {_quote(_sentence(rng, 9))}
instruments: [{", ".join(sorted(set(rng.sample(INSTRUMENTS, rng.randint(1, 3)))))}]
impacts:
{impacts}
finance:
  capex: {{amount: {(capex := rng.randint(1, 900) * 100_000)}, currency: EUR, year: {started}, source: report,
    quote: "It cost EUR {capex:,}."}}
  funding:
    - {{type: municipal-budget, name: {city_name} capital budget}}
cobenefits: [{", ".join(sorted(set(rng.sample(COBENEFITS, 2))))}]
barriers:
  - {_quote(_sentence(rng, 10))}
lessons:
  - {_quote(_sentence(rng, 12))}
{related}{_requires(pid)}tags: [{", ".join(tags)}]
sources:
  report:
    title: {_quote(f"{label} programme evaluation")}
    url: "https://example.org/{city}/{pid}.pdf"
    publisher: {city_name} city council
    date: {min(started + 2, 2025)}
last_verified: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}
"""


def write_practices(dest: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write `count` case studies and about one city per 25 of them under dest/ (practices/ layout)."""
    rng = random.Random(seed)
    cities = [(f"{_name(rng, 2)}-{i}", "") for i in range(max(3, count // 25))]
    cities = [(cid, cid.split("-")[0].capitalize() + f" {i}") for i, (cid, _) in enumerate(cities)]
    (dest / "cities").mkdir(parents=True, exist_ok=True)
    for cid, name in cities:
        (dest / "cities" / f"{cid}.yaml").write_text(city_yaml(rng, cid, name), encoding="utf-8")
    files: list[Path] = []
    done: dict[str, list[str]] = {s: [] for s in SECTORS}
    for i in range(count):
        sector = SECTORS[i % 3]
        cid, name = cities[rng.randrange(len(cities))]
        pid = f"{cid}-{sector[:5]}-{i}"
        path = dest / sector / f"{pid}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(practice_yaml(rng, pid, cid, name, done[sector][-50:]), encoding="utf-8")
        done[sector].append(pid)
        files.append(path)
    return files


def make_project(dest: Path, count: int, seed: int = SEED) -> Path:
    """A site project like the repository's (configuration, hand-written pages, templates) with a
    synthetic practices/ folder of `count` case studies."""
    from generator.publishing.write import OWNED

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns(*OWNED))
    for name in ("generator", "overrides"):
        (dest / name).symlink_to(REPO / name)
    write_practices(dest / "practices", count, seed)
    return dest


if __name__ == "__main__":
    make_project(Path(sys.argv[2]), int(sys.argv[1]))
