"""The region segment: one macro region per posting, from its ISO country codes (or, without
countries, from the regions its location names).

A posting open to several countries of one region is in that region; to countries of several
regions, "Multiple regions"; to anyone anywhere, "Worldwide"; with nothing usable, "Unknown".
"""

from __future__ import annotations

from collections.abc import Iterable

REGIONS = ("North America", "Latin America", "Europe", "Middle East & Africa", "Asia-Pacific",
           "Worldwide", "Multiple regions", "Unknown")

_COUNTRIES = {
    "North America": "US CA",
    "Latin America": "MX BR AR CO CL PE UY PY BO EC VE CR PA GT HN SV NI DO CU PR JM TT BS BB BZ GY SR HT",
    "Europe": ("GB IE FR DE NL BE LU CH AT IT ES PT PL CZ SK HU RO BG GR HR SI RS BA ME MK AL XK "
               "DK SE NO FI IS EE LV LT UA MD BY MT CY LI MC AD SM VA GI IM JE GG FO GL TR GE AM AZ RU"),
    "Middle East & Africa": ("AE SA QA KW BH OM YE IQ IR IL PS JO LB SY EG MA DZ TN LY SD SS ET ER "
                             "DJ SO KE UG TZ RW BI CD CG CF CM GA GQ NG GH CI SN ML BF NE TD GM GN "
                             "GW SL LR TG BJ MR CV ST AO ZM ZW MW MZ NA BW ZA LS SZ MG MU SC KM RE"),
    "Asia-Pacific": ("IN PK BD LK NP BT MV AF CN HK MO TW JP KR KP MN SG MY ID TH VN PH KH LA MM BN "
                     "TL AU NZ PG FJ SB VU WS TO KI NR TV MH FM PW KZ UZ KG TJ TM"),
}
COUNTRY_REGION = {code: region for region, codes in _COUNTRIES.items() for code in codes.split()}

# What the location parser's region words (crawlers/location.py REGIONS) mean here.
_NAMED = {
    "Worldwide": "Worldwide", "Europe": "Europe", "DACH": "Europe", "Nordics": "Europe",
    "North America": "North America", "Latin America": "Latin America", "APAC": "Asia-Pacific",
    "Asia": "Asia-Pacific", "Oceania": "Asia-Pacific", "Africa": "Middle East & Africa",
    "Middle East": "Middle East & Africa", "EMEA": "Multiple regions", "Americas": "Multiple regions",
}


def macro_region(country_codes: Iterable[str] | None, regions: Iterable[str] | None = None) -> str:
    """The posting's region segment (one of ``REGIONS``)."""
    found = {COUNTRY_REGION[c] for c in (country_codes or ()) if isinstance(c, str) and c in COUNTRY_REGION}
    if not found:
        named = [_NAMED[r] for r in (regions or ()) if isinstance(r, str) and r in _NAMED]
        if "Worldwide" in named:
            return "Worldwide"
        found = set(named)
    if len(found) == 1:
        return next(iter(found))
    return "Multiple regions" if found else "Unknown"
