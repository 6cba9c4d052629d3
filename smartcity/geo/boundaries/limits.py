"""The limits a boundary must keep to, and the tolerances of its analysis."""

MAX_BYTES = 5 * 1024 * 1024
MAX_VERTICES = 100_000
MAX_AREA_KM2 = 50_000
MIN_AREA_KM2 = 0.001
# Province polygons are simplified (coastlines cut corners, small islands are missing), so
# a coastal area may stick out of them: half the area inside is enough.
MIN_SHARE_IN_THAILAND = 0.5
# A province counts as reached only beyond a sliver: simplified borders are off by hundreds
# of metres, so smaller overlaps say nothing.
PROVINCE_SLIVER_SHARE = 0.005
PROVINCE_SLIVER_KM2 = 0.05
# Other areas are drawn by people, not simplified: one hectare of overlap is worth a word.
OVERLAP_WARNING_KM2 = 0.01
COORDINATE_DECIMALS = 6  # about 0.1 m
