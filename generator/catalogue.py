"""The catalogue: every case study on one page, with the data its filters read."""

import json

from .load import Corpus
from .render import environment


def data(corpus: Corpus) -> str:
    """docs/data/catalogue.json: one record per case study, with the values its filters use."""
    items = []
    for entry in sorted(corpus.practices.values(), key=lambda e: e.id):
        p = entry.data
        items.append(
            {
                "id": entry.id,
                "title": p.title,
                "sector": entry.sector,
                "city": p.city,
                "city_name": corpus.cities[p.city].data.name,
                "status": p.status,
                "started": str(p.started),
                "lever_owner": p.lever.owner,
                "instruments": list(p.instruments),
                "cobenefits": list(p.cobenefits),
                "measured": any(i.type in ("measured", "verified") for i in p.impacts),
                "cnca_funded": bool(p.finance and any(f.type == "cnca-fund" for f in p.finance.funding)),
                "summary": p.summary,
                "url": f"practices/{entry.sector}/{entry.id}/",
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def page(corpus: Corpus) -> str:
    """docs/catalogue.md: the full list, which is what a reader without JavaScript sees."""
    entries = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    cities = {cid: city.data.name for cid, city in corpus.cities.items()}
    return environment().get_template("catalogue.md.j2").render(entries=entries, city_names=cities)
