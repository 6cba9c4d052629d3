"""The DCAT catalogue (/catalog.ttl, /catalog.jsonld): it parses, it carries what DCAT-AP
requires and what we promise to harvesters, and every address in it answers."""

import warnings

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from smartcity.api.catalog.datasets import DATASETS
from smartcity.certification.models import Certificate
from smartcity.core import versions
from tests.certification.factories import CertifiedAreaFactory

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SITE = "http://testserver"

# DCAT-AP 3.0: the mandatory properties of each class, then the recommended and optional
# ones this catalogue promises (ckanext-dcat maps each of them to a CKAN field).
MANDATORY = {
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description],
    DCAT.Distribution: [DCAT.accessURL],
    DCAT.DataService: [DCTERMS.title, DCAT.endpointURL],
    FOAF.Agent: [FOAF.name],
    DCTERMS.PeriodOfTime: [],
}
PROMISED = {
    DCAT.Catalog: [
        FOAF.homepage, DCTERMS.license, DCTERMS.language, DCTERMS.issued, DCTERMS.modified,
        DCTERMS.spatial, DCAT.service,
    ],
    DCAT.Dataset: [
        DCTERMS.publisher, DCTERMS.license, DCAT.contactPoint, DCAT.keyword, DCAT.theme,
        DCTERMS.temporal, DCTERMS.spatial, DCTERMS.accrualPeriodicity, DCTERMS.identifier,
        DCAT.landingPage, DCAT.distribution, DCTERMS.issued, DCTERMS.modified,
        DCTERMS.language, DCTERMS.conformsTo,
    ],
    DCAT.Distribution: [
        DCTERMS.title, DCTERMS.format, DCAT.mediaType, DCTERMS.license, DCTERMS.conformsTo,
    ],
    DCAT.DataService: [DCAT.endpointDescription, DCAT.servesDataset, DCTERMS.publisher],
    FOAF.Agent: [DCTERMS.type, FOAF.homepage],
    DCTERMS.PeriodOfTime: [DCAT.startDate, DCAT.endDate],
    VCARD.Organization: [VCARD.fn, VCARD.hasURL],
}  # fmt: skip


def parse(content: bytes, fmt: str) -> Graph:
    """The catalogue read as a harvester reads it. rdflib 7's own JSON-LD parser makes a
    ConjunctiveGraph, which rdflib itself deprecates: that one warning is not ours."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        return Graph().parse(data=content, format="turtle" if fmt == "ttl" else "json-ld")


def catalogue(client, fmt: str = "ttl") -> Graph:
    response = client.get(f"/catalog.{fmt}")
    assert response.status_code == 200
    return parse(response.content, fmt)


@pytest.fixture
def graph(anonymous, programme_data) -> Graph:
    return catalogue(anonymous)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("ttl", "text/turtle; charset=utf-8"), ("jsonld", "application/ld+json; charset=utf-8")],
)
def test_catalogue_is_served_with_its_media_type_to_any_origin(anonymous, fmt, media_type):
    response = anonymous.get(f"/catalog.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_turtle_and_jsonld_say_the_same(anonymous, programme_data):
    assert isomorphic(catalogue(anonymous, "ttl"), catalogue(anonymous, "jsonld"))


@pytest.mark.django_db
@pytest.mark.parametrize("cls", sorted(MANDATORY, key=str))
def test_every_node_has_the_dcat_ap_mandatory_properties(graph, cls):
    nodes = set(graph.subjects(RDF.type, cls))
    assert nodes, f"no {cls}"
    missing = {
        (str(node), str(prop))
        for node in nodes
        for prop in MANDATORY[cls]
        if graph.value(node, prop) is None
    }
    assert missing == set()


@pytest.mark.django_db
@pytest.mark.parametrize("cls", sorted(PROMISED, key=str))
def test_every_node_has_the_recommended_properties_we_promise(graph, cls):
    nodes = set(graph.subjects(RDF.type, cls))
    assert nodes, f"no {cls}"
    missing = {
        (str(node), str(prop))
        for node in nodes
        for prop in PROMISED[cls]
        if graph.value(node, prop) is None
    }
    assert missing == set()


@pytest.mark.django_db
def test_one_dataset_per_published_collection(graph):
    catalogue_node = graph.value(predicate=RDF.type, object=DCAT.Catalog)
    identifiers = {
        str(graph.value(node, DCTERMS.identifier))
        for node in graph.objects(catalogue_node, DCAT.dataset)
    }

    assert identifiers == {
        "areas", "figures", "provinces", "certificates", "meetings", "network-cities",
    }  # fmt: skip


@pytest.mark.django_db
def test_titles_descriptions_and_keywords_are_in_thai_and_english(graph):
    nodes = [
        *graph.subjects(RDF.type, DCAT.Catalog),
        *graph.subjects(RDF.type, DCAT.Dataset),
        *graph.subjects(RDF.type, DCAT.Distribution),
    ]
    languages = {
        (str(node), str(prop)): {literal.language for literal in graph.objects(node, prop)}
        for node in nodes
        for prop in (DCTERMS.title, DCTERMS.description, DCAT.keyword)
        if graph.value(node, prop) is not None
    }

    not_bilingual = {key for key, found in languages.items() if found != {"th", "en"}}
    assert len(languages) > 20
    assert not_bilingual == set()
    thai_titles = {str(t) for t in graph.objects(None, DCTERMS.title) if t.language == "th"}
    assert "พื้นที่เมืองอัจฉริยะที่ได้รับการรับรอง" in thai_titles


@pytest.mark.django_db
def test_the_period_runs_from_the_first_certification_to_today(graph):
    first = min(Certificate.objects.values_list("certified_on", flat=True))
    areas = URIRef(f"{SITE}/open-data/#areas")
    period = graph.value(areas, DCTERMS.temporal)

    assert graph.value(period, DCAT.startDate) == Literal(first, datatype=XSD.date)
    assert graph.value(period, DCAT.endDate) == Literal(timezone.localdate(), datatype=XSD.date)


@pytest.mark.django_db
def test_licence_publisher_and_coverage_are_the_programmes(graph):
    areas = URIRef(f"{SITE}/open-data/#areas")
    publisher = graph.value(areas, DCTERMS.publisher)

    assert graph.value(areas, DCTERMS.license) == URIRef(
        "https://data.go.th/pages/dga-open-government-license"
    )
    assert {str(n) for n in graph.objects(publisher, FOAF.name) if n.language == "en"} == {
        "Digital Economy Promotion Agency (depa), Smart City Thailand Office"
    }
    assert graph.value(areas, DCTERMS.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/THA"
    )
    assert graph.value(areas, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/CONT"
    )


@pytest.mark.django_db
def test_distributions_carry_iana_media_types_and_their_dictionary(graph):
    csv = URIRef(f"{SITE}/open-data/#areas-csv")

    assert graph.value(csv, DCAT.downloadURL) == URIRef(f"{SITE}/areas/export.csv")
    assert graph.value(csv, DCAT.mediaType) == URIRef(
        "http://www.iana.org/assignments/media-types/text/csv"
    )
    assert graph.value(csv, DCTERMS.format) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/CSV"
    )
    assert graph.value(csv, DCTERMS.conformsTo) == URIRef(f"{SITE}/open-data/dictionary/areas.json")


def _distributions():
    return [
        pytest.param(dataset.slug, d, id=f"{dataset.slug}-{d.key}")
        for dataset in DATASETS
        for d in dataset.distributions
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "distribution"), _distributions())
def test_every_distribution_url_answers(anonymous, programme_data, slug, distribution):
    graph = catalogue(anonymous)
    node = URIRef(f"{SITE}/open-data/#{slug}-{distribution.key}")
    url = str(graph.value(node, DCAT.accessURL))
    response = anonymous.get(url)

    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.django_db
def test_every_dictionary_the_catalogue_names_answers(anonymous, graph):
    standards = set(graph.subjects(RDF.type, DCTERMS.Standard))
    dictionaries = {str(s) for s in standards if "/open-data/dictionary/" in str(s)}

    codes = {url: anonymous.get(url).status_code for url in dictionaries}

    assert len(codes) == 7
    assert set(codes.values()) == {200}


@pytest.mark.django_db
def test_a_certificate_by_number_answers_as_the_distribution_says(anonymous, programme_data):
    number = Certificate.objects.order_by("id").values_list("number", flat=True).first()

    response = anonymous.get(f"/verify/{number}.json")

    assert response.status_code == 200
    assert response.json()["certificate_number"] == number


@pytest.mark.django_db
def test_unchanged_catalogue_answers_not_modified(anonymous, programme_data):
    first = anonymous.get("/catalog.ttl")

    again = anonymous.get("/catalog.ttl", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert anonymous.get("/catalog.jsonld")["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_a_registry_change_gives_a_new_etag(anonymous, programme_data):
    before = anonymous.get("/catalog.ttl")["ETag"]

    versions.bump()
    after = anonymous.get("/catalog.ttl", HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after["ETag"] != before


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/catalog.ttl", "/catalog.jsonld"])
def test_catalogue_refuses_writes(anonymous, path):
    assert anonymous.post(path).status_code == 405


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/catalog.ttl", "/catalog.jsonld", "/open-data/"])
def test_query_count_does_not_grow_with_the_data(anonymous, programme_data, path):
    anonymous.get(path)  # the registry's version row is made on the first ask
    small = _queries(anonymous, path)

    for i in range(80):
        CertifiedAreaFactory(domains=["energy"] if i % 2 else ["mobility", "living"])
    large = _queries(anonymous, path)

    assert large == small
    assert small <= 3
