"""The open-data catalogue: DCAT-AP (/catalog.ttl, /catalog.jsonld), the data dictionary
and the open-data page for people. It holds no models: it reads the other apps and
describes what the registry and the API publish, so it works whether or not the `api`
app is installed."""
