"""Vocabulary namespaces used by ``kg``: the project ontology and the standards it aligns with.

``KG`` is a :class:`rdflib.namespace.DefinedNamespace` whose attributes are the terms of
``ontology/kg.ttl`` (a test keeps the two in sync), so a misspelled term fails loudly:

>>> KG.Attack
rdflib.term.URIRef('https://kg.example.org/ontology#Attack')
>>> KG.Atack  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'Atack' not in namespace 'https://kg.example.org/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "DCAT",
    "DCTERMS",
    "FOAF",
    "KG",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SEM",
    "SKOS",
    "TIME",
    "VOID",
    "XSD",
]

KG_NAMESPACE = "https://kg.example.org/ontology#"


class KG(DefinedNamespace):
    """Terms of the project ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(KG_NAMESPACE)
    _fail = True

    Abduction: URIRef
    Actor: URIRef
    Agreement: URIRef
    Appointment: URIRef
    ArmedForce: URIRef
    Attack: URIRef
    AttackSeries: URIRef
    Battle: URIRef
    BilateralAgreement: URIRef
    Blockade: URIRef
    Camp: URIRef
    Ceasefire: URIRef
    City: URIRef
    Country: URIRef
    CuratedAnnotation: URIRef
    Declaration: URIRef
    Establishment: URIRef
    Event: URIRef
    Evidence: URIRef
    ExtractionActivity: URIRef
    ExtractionMethod: URIRef
    Facility: URIRef
    FoiledAttack: URIRef
    Government: URIRef
    GovernmentBody: URIRef
    Group: URIRef
    IndividualAgreement: URIRef
    InternationalOrganisation: URIRef
    Investigation: URIRef
    Killing: URIRef
    Legislation: URIRef
    Location: URIRef
    MemorandumOfUnderstanding: URIRef
    Militia: URIRef
    Negotiation: URIRef
    NonGovernmentalOrganisation: URIRef
    Organisation: URIRef
    PatternRule: URIRef
    Person: URIRef
    Petition: URIRef
    PoliticalAction: URIRef
    PoliticalMovement: URIRef
    PositionHolding: URIRef
    Province: URIRef
    PublishedDocument: URIRef
    Region: URIRef
    Relocation: URIRef
    Resignation: URIRef
    SourceDocument: URIRef
    SpeechAct: URIRef
    StatisticalModel: URIRef
    SurfaceFormMatch: URIRef
    TransferOfResponsibility: URIRef
    Treaty: URIRef
    War: URIRef
    Withdrawal: URIRef
    about: URIRef
    area: URIRef
    author: URIRef
    basedAt: URIRef
    boilerplateStart: URIRef
    causedBy: URIRef
    characterCount: URIRef
    citesDocument: URIRef
    confidence: URIRef
    controlledBy: URIRef
    date: URIRef
    description: URIRef
    duration: URIRef
    endDate: URIRef
    fatalities: URIRef
    governedBy: URIRef
    governs: URIRef
    heldPosition: URIRef
    inOrganisation: URIRef
    injured: URIRef
    isCandidate: URIRef
    isFormer: URIRef
    isInferred: URIRef
    ledBy: URIRef
    legalStatus: URIRef
    locatedIn: URIRef
    location: URIRef
    locationDescription: URIRef
    means: URIRef
    memberOf: URIRef
    method: URIRef
    namedAfter: URIRef
    nationality: URIRef
    near: URIRef
    note: URIRef
    numberOfAttacks: URIRef
    numberOfPeople: URIRef
    opposedBy: URIRef
    orderedBy: URIRef
    outcome: URIRef
    partOf: URIRef
    participant: URIRef
    party: URIRef
    perpetrator: URIRef
    preventedBy: URIRef
    prisoners: URIRef
    proxyOf: URIRef
    publisher: URIRef
    qualifier: URIRef
    quantity: URIRef
    reason: URIRef
    relocatedFrom: URIRef
    relocatedTo: URIRef
    requires: URIRef
    responsibilityFor: URIRef
    roleTitle: URIRef
    sha256: URIRef
    signatory: URIRef
    signedOnBehalfOf: URIRef
    singleValued: URIRef
    softwareVersion: URIRef
    startDate: URIRef
    statedBy: URIRef
    supportedBy: URIRef
    target: URIRef
    terms: URIRef
    transferredFrom: URIRef
    transferredTo: URIRef
    wording: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary terms used for evidence selectors."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: Prefixes bound in every graph ``kg`` writes, in a fixed order (deterministic output).
PREFIXES: dict[str, str] = {
    "kg": KG_NAMESPACE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": str(FOAF),
    "org": str(ORG),
    "sem": str(SEM),
    "schema": str(SDO),
    "time": str(TIME),
}
