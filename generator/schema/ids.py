"""Names the data is organised by: sectors, the cities folder, ids. Light on purpose (no pydantic), so that
finding files on disk imports nothing heavy."""

from typing import Literal, get_args

CITIES = "cities"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Sector = Literal["transportation", "energy", "waste"]
SECTORS: tuple[Sector, ...] = get_args(Sector)
