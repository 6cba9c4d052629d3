"""The boundary of a proposed area, uploaded as a file (GeoJSON or KML) or drawn on the map.

Two pure steps, neither touching the database, one module each:

1. `reading.read_boundary_file` and `reading.read_boundary_geojson` (with `geojson`, `kml`
   and `assembly` underneath) turn untrusted input into one GeoJSON
   Polygon or MultiPolygon in WGS 84 longitude/latitude, or raise BoundaryError. The format
   is decided by the content, never by the file name: a KML file named `.json` is read as
   KML, and a PDF named `.geojson` is refused as a PDF. Several polygons (a MultiPolygon,
   or a FeatureCollection of areas) are merged into their union, so neighbouring parcels
   that share an edge make one valid area.
2. `analysis.analyse_boundary` checks that the area is valid, of a believable size and inside
   Thailand, and reports its area, the provinces it reaches and its overlaps with other
   areas.

`errors` holds BoundaryError and the messages several steps share, `limits` the numbers
they enforce, `coordinates` the longitude/latitude range check, `projection` the
projection below, `overlaps` the warnings about other areas.

Areas are measured on an Albers equal-area conic projection centred on Thailand (standard
parallels 8°N and 18°N, the usual one-sixth rule for Thailand's 5.6°N-20.5°N extent, on the
WGS 84 ellipsoid; overlaps are computed in the same projection). Any equal-area projection
gives true areas: this one and the world projection EPSG:6933 both agree with pyproj's
geodesic area within 0.01%, from a 1 km square to a 47,000 km² box. The national one is
chosen because it also keeps distances within 0.5% over the whole country, whereas EPSG:6933
(standard parallel 30°N) stretches north-south distances by 8-15% and shrinks east-west ones
by 7-13% at Thailand's latitudes; so any later measure in metres (a perimeter, a buffer) is
right too.
"""
