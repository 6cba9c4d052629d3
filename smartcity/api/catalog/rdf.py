"""The DCAT-AP catalogue as an rdflib graph: a dcat:Catalog, one dcat:Dataset per
published collection (catalog.datasets), their distributions and the API as a
dcat:DataService. Serialised as Turtle and JSON-LD by catalog.views.

Every node has a URI that resolves to something a person can read: the catalogue, each
dataset and the publisher are anchors of the open-data page, the data dictionaries are
their machine files. ckanext-dcat's harvester keys a dataset on its URI, so those must not
change from one harvest to the next (only the site's address is taken from the request)."""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from smartcity.api.catalog.datasets import (
    API_DOCS,
    API_ROOT,
    API_SCHEMA,
    CATALOGUE_DESCRIPTION,
    CATALOGUE_TITLE,
    DATASETS,
    LICENCE,
    LICENCE_URL,
    PUBLISHER,
    PUBLISHER_HOMEPAGE,
    Dataset,
    Distribution,
)
from smartcity.api.catalog.dictionary import Text
from smartcity.api.catalog.selectors import CatalogueState

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS_PUBLISHER = Namespace("http://purl.org/adms/publishertype/")
EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY = Namespace(f"{EU}frequency/")
FILE_TYPE = Namespace(f"{EU}file-type/")
LANGUAGE = Namespace(f"{EU}language/")
THEME = Namespace(f"{EU}data-theme/")
THAILAND = URIRef(f"{EU}country/THA")
MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
# Government and public sector; regions and cities.
THEMES = (THEME.GOVE, THEME.REGI)


def _both(graph: Graph, subject, predicate, text: Text) -> None:
    graph.add((subject, predicate, Literal(text.th, lang="th")))
    graph.add((subject, predicate, Literal(text.en, lang="en")))


def build_catalogue(state: CatalogueState, absolute: Callable[[str], str]) -> Graph:
    """The whole catalogue; `absolute` turns a site path into the address readers use
    (request.build_absolute_uri)."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    page = absolute(reverse("opendata:index"))
    catalogue = URIRef(f"{page}#catalog")
    publisher = _publisher(graph, page)
    licence = _licence(graph)
    contact = _contact_point(graph, page)

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _both(graph, catalogue, DCTERMS.title, CATALOGUE_TITLE)
    _both(graph, catalogue, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, FOAF.homepage, URIRef(page)))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.THA))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.ENG))
    graph.add((catalogue, DCTERMS.spatial, THAILAND))
    graph.add((catalogue, DCTERMS.modified, _modified(state)))
    if state.first_certified_on:
        # The registry's first record was public from the first certification.
        graph.add((catalogue, DCTERMS.issued, Literal(state.first_certified_on, datatype=XSD.date)))

    service = _api_service(graph, absolute, publisher, licence, contact)
    graph.add((catalogue, DCAT.service, service))
    for dataset in DATASETS:
        node = _dataset(graph, dataset, state, absolute, page, publisher, licence, contact, service)
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((service, DCAT.servesDataset, node))
    return graph


def _modified(state: CatalogueState) -> Literal:
    return Literal(state.version.changed_at.replace(microsecond=0), datatype=XSD.dateTime)


def _publisher(graph: Graph, page: str) -> URIRef:
    node = URIRef(f"{page}#publisher")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    _both(graph, node, FOAF.name, PUBLISHER)
    graph.add((node, FOAF.homepage, URIRef(PUBLISHER_HOMEPAGE)))
    graph.add((node, DCTERMS.type, ADMS_PUBLISHER.NationalAuthority))
    return node


def _licence(graph: Graph) -> URIRef:
    node = URIRef(LICENCE_URL)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    _both(graph, node, DCTERMS.title, LICENCE)
    return node


def _contact_point(graph: Graph, page: str) -> URIRef:
    node = URIRef(f"{page}#contact")
    graph.add((node, RDF.type, VCARD.Organization))
    _both(graph, node, VCARD.fn, PUBLISHER)
    graph.add((node, VCARD.hasURL, URIRef(page)))
    # No address is configured today; SMARTCITY["OPEN_DATA_EMAIL"] adds one.
    email = settings.SMARTCITY.get("OPEN_DATA_EMAIL")
    if email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return node


def _api_service(graph, absolute, publisher, licence, contact) -> URIRef:
    node = URIRef(absolute(API_ROOT))
    graph.add((node, RDF.type, DCAT.DataService))
    _both(
        graph,
        node,
        DCTERMS.title,
        Text("API ข้อมูลเปิดเมืองอัจฉริยะ", "Smart City Thailand open-data API"),
    )
    graph.add((node, DCAT.endpointURL, node))
    graph.add((node, DCAT.endpointDescription, URIRef(absolute(API_SCHEMA))))
    graph.add((node, DCAT.landingPage, URIRef(absolute(API_DOCS))))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCAT.contactPoint, contact))
    return node


def _dataset(graph, dataset: Dataset, state, absolute, page, publisher, licence, contact, service):
    node = URIRef(f"{page}#{dataset.slug}")
    graph.add((node, RDF.type, DCAT.Dataset))
    _both(graph, node, DCTERMS.title, dataset.title)
    _both(graph, node, DCTERMS.description, dataset.description)
    graph.add((node, DCTERMS.identifier, Literal(dataset.slug)))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCAT.contactPoint, contact))
    for keyword in dataset.keywords:
        _both(graph, node, DCAT.keyword, keyword)
    for theme in THEMES:
        graph.add((node, DCAT.theme, theme))
    graph.add((node, DCTERMS.language, LANGUAGE.THA))
    graph.add((node, DCTERMS.language, LANGUAGE.ENG))
    graph.add((node, DCTERMS.spatial, THAILAND))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY[dataset.frequency]))
    graph.add((node, DCAT.landingPage, URIRef(absolute(dataset.landing()))))
    graph.add((node, DCTERMS.modified, _modified(state)))
    if state.first_certified_on:
        graph.add((node, DCTERMS.issued, Literal(state.first_certified_on, datatype=XSD.date)))
        period = BNode(f"period-{dataset.slug}")
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(state.first_certified_on, datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(state.today, datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, period))
    for name in dataset.dictionaries():
        graph.add((node, DCTERMS.conformsTo, _dictionary(graph, name, absolute)))
    for distribution in dataset.distributions:
        graph.add((node, DCAT.distribution, _distribution(
            graph, dataset, distribution, page, absolute, licence, service
        )))  # fmt: skip
    return node


def _dictionary(graph: Graph, name: str, absolute) -> URIRef:
    """The data dictionary's machine file, as the standard a distribution conforms to."""
    node = URIRef(absolute(reverse("opendata:dictionary_json", args=[name])))
    graph.add((node, RDF.type, DCTERMS.Standard))
    _both(graph, node, DCTERMS.title, Text(f"พจนานุกรมข้อมูล: {name}", f"Data dictionary: {name}"))
    return node


def _distribution(graph, dataset, distribution: Distribution, page, absolute, licence, service):
    node = URIRef(f"{page}#{dataset.slug}-{distribution.key}")
    url = URIRef(absolute(distribution.resolve()))
    graph.add((node, RDF.type, DCAT.Distribution))
    _both(graph, node, DCTERMS.title, distribution.title)
    if distribution.note:
        _both(graph, node, DCTERMS.description, distribution.note)
    graph.add((node, DCAT.accessURL, url))
    if distribution.download:
        graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.mediaType, URIRef(MEDIA_TYPE + distribution.media_type)))
    graph.add((node, DCTERMS.format, FILE_TYPE[distribution.format]))
    graph.add((node, DCTERMS.license, licence))
    dictionary = distribution.dictionary or dataset.slug
    graph.add((node, DCTERMS.conformsTo, _dictionary(graph, dictionary, absolute)))
    if distribution.api:
        graph.add((node, DCTERMS.conformsTo, URIRef(absolute(API_SCHEMA))))
        graph.add((node, DCAT.accessService, service))
    return node
