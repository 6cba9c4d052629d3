"""The Albers equal-area projection centred on Thailand (see the package's docstring)."""

from functools import lru_cache

import numpy as np
import pyproj
import shapely

ALBERS_THAILAND = (
    "+proj=aea +lat_0=13 +lon_0=101 +lat_1=8 +lat_2=18 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"
)


@lru_cache(maxsize=1)
def _to_albers() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:4326", ALBERS_THAILAND, always_xy=True)


def project(geometry):
    """A shapely geometry in WGS 84 lon/lat, projected to metres on ALBERS_THAILAND."""
    transformer = _to_albers()
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(*xy.T)))
