"""One example value per field, for the new-file template and the field reference.

The values show the form a field takes; they are not data. A test checks that every
field of every model has one, so the template and the reference stay complete.
"""

import re
from typing import Any

TODO = "TODO"
"""The placeholder of a required field in a new file; validation refuses it until it is replaced."""
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*")
_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def as_yaml(value: Any) -> str:
    """An example value as it is written in a YAML file: quoted where any YAML reader could take it for
    something else."""
    if isinstance(value, list):
        return "[" + ", ".join(as_yaml(v) for v in value) + "]"
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS
        return value if plain or value == TODO else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


EXAMPLES: dict[tuple[str, str], Any] = {
    ("Practice", "title"): "Congestion tax",
    ("Practice", "city"): "stockholm",
    ("Practice", "status"): "operational",
    ("Practice", "started"): 2007,
    ("Practice", "summary"): "A charge on vehicles crossing a cordon around the centre cut traffic by a fifth.",
    ("Practice", "description"): "Markdown: paragraphs, **bold**, lists and [links](https://www.example.org/report).",
    ("Practice", "lever"): None,
    ("Practice", "instruments"): ["pricing", "public-investment"],
    ("Practice", "sources"): None,
    ("Practice", "last_verified"): "2026-11-29",
    ("Practice", "other_cities"): ["london"],
    ("Practice", "ended"): 2010,
    ("Practice", "gpc_refs"): ["II.1"],
    ("Practice", "impacts"): None,
    ("Practice", "finance"): None,
    ("Practice", "cobenefits"): ["air-quality", "mobility"],
    ("Practice", "barriers"): ["Opposition before the trial."],
    ("Practice", "lessons"): ["A trial followed by a referendum built support."],
    ("Practice", "transferability"): None,
    ("Practice", "related"): ["london-ultra-low-emission-zone"],
    ("Practice", "tags"): ["congestion-pricing"],
    ("Lever", "owner"): "national",
    ("Lever", "city_power"): "convene-advocate",
    ("Lever", "advocacy_ask"): "A national law that lets cities charge for road use.",
    ("Impact", "metric"): "Traffic across the charging cordon",
    ("Impact", "value"): 22,
    ("Impact", "unit"): "percent",
    ("Impact", "year"): 2006,
    ("Impact", "type"): "measured",
    ("Impact", "confidence"): "high",
    ("Impact", "source"): "evaluation",
    ("Impact", "quote"): "Trafiken över betalsnittet minskade med 22 procent jämfört med samma period 2005.",
    ("Impact", "quote_en"): "Traffic across the cordon fell by 22 percent compared with the same period in 2005.",
    ("Impact", "derived"): "The 2005 count minus the 2006 count, divided by the 2005 count, from the same table.",
    ("Impact", "baseline_year"): 2005,
    ("Impact", "note"): "Counted at the control points; the goal was 10-15%.",
    ("Finance", "capex"): None,
    ("Finance", "opex_per_year"): None,
    ("Finance", "funding"): None,
    ("Money", "amount"): 3800000000,
    ("Money", "currency"): "SEK",
    ("Money", "year"): 2006,
    ("Money", "source"): "evaluation",
    ("Money", "quote"): "Försöket kostade 3,8 miljarder kronor.",
    ("Money", "quote_en"): "The trial cost 3.8 billion kronor.",
    ("Money", "derived"): "Two yearly amounts of SEK 1.9 billion, added.",
    ("Funding", "type"): "municipal-budget",
    ("Funding", "name"): "City budget",
    ("Funding", "amount"): 150000,
    ("Funding", "currency"): "USD",
    ("Funding", "source"): "evaluation",
    ("Funding", "quote"): "The city contributed USD 150,000 from its general fund.",
    ("Funding", "quote_en"): "The city paid 150,000 dollars.",
    ("Funding", "derived"): "Three yearly grants of USD 50,000, added.",
    ("Transferability", "preconditions"): ["A national legal basis for charging."],
    ("Transferability", "requires"): None,
    ("Transferability", "replicated_in"): ["london"],
    ("Transferability", "learned_from"): None,
    ("Lineage", "practice"): "stockholm-congestion-tax",
    ("Lineage", "name"): "Singapore's Electronic Road Pricing",
    ("Lineage", "city"): "singapore",
    ("Lineage", "source"): "evaluation",
    ("Lineage", "quote"): "The scheme was modelled on the Stockholm congestion tax.",
    ("Lineage", "quote_en"): "Modelled on Stockholm's congestion tax.",
    ("Requires", "powers"): ["price-roads"],
    ("Requires", "context"): ["enabling-law", "transit-network"],
    ("Requires", "scale"): "over-500k",
    ("Source", "title"): "Evaluation of the Stockholm trial",
    ("Source", "url"): "https://www.example.org/evaluation.pdf",
    ("Source", "publisher"): "City of Stockholm",
    ("Source", "date"): "2006-06-21",
    ("Source", "language"): "sv",
    ("City", "name"): "Stockholm",
    ("City", "country"): "SE",
    ("City", "coordinates"): None,
    ("City", "membership"): "founding",
    ("City", "targets"): None,
    ("City", "sources"): None,
    ("City", "last_verified"): "2026-11-29",
    ("City", "population"): None,
    ("City", "inventories"): None,
    ("City", "plans"): None,
    ("Coordinates", "lat"): 59.3293,
    ("Coordinates", "lon"): 18.0686,
    ("Target", "kind"): "percent-reduction",
    ("Target", "target_year"): 2030,
    ("Target", "status"): "adopted",
    ("Target", "source"): "climate_plan",
    ("Target", "percent"): 70,
    ("Target", "quote"): "Emissions are to fall by 70 percent by 2030 compared with 1990.",
    ("Target", "quote_en"): "A 70 percent cut by 2030 from 1990.",
    ("Target", "derived"): "The plan gives 2030 as the year; the percent is 100 minus the 30 percent left.",
    ("Target", "baseline_year"): 1990,
    ("Target", "note"): "Replaced the 2050 goal in 2021.",
    ("Population", "value"): 975551,
    ("Population", "year"): 2020,
    ("Population", "source"): "statistics",
    ("Population", "quote"): "Stockholm had 975,551 inhabitants on 31 December 2020.",
    ("Population", "quote_en"): "975,551 inhabitants at the end of 2020.",
    ("Population", "derived"): "The sum of the district counts in the same table.",
    ("Population", "note"): "Census count [@statistics].",
    ("Inventory", "year"): 2019,
    ("Inventory", "total_tco2e"): 2505000,
    ("Inventory", "protocol"): "gpc-basic",
    ("Inventory", "source"): "inventory_2019",
    ("Inventory", "quote"): "Total emissions 2019: 2.505 MtCO2e",
    ("Inventory", "quote_en"): "Total emissions in 2019: 2.505 million tonnes.",
    ("Inventory", "derived"): "The sum of the sector rows of the table.",
    ("Inventory", "by_sector"): None,
    ("Inventory", "note"): "Published as 2.5 MtCO2e.",
    ("BySector", "energy"): 1450000,
    ("BySector", "transportation"): 900000,
    ("BySector", "waste"): 100000,
    ("BySector", "other"): 55000,
    ("Plan", "title"): "Climate Action Plan 2030",
    ("Plan", "year"): 2020,
    ("Plan", "url"): "https://www.example.org/climate-plan",
}
"""None stands for a field whose value is a mapping or a list of mappings: its own fields have examples."""
