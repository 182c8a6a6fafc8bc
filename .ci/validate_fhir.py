#!/usr/bin/env python3
"""Validate Tend FHIR exports (R4 Bundles). Usage: validate_fhir.py FILE.json [FILE.json ...]

Two gates (shared/reference/clinical-export.md, sections 2.1 and 2.3):
1. fhir.resources' R4B models (R4B equals R4 for every resource Tend writes; the package's
   default models are R5 and would reject R4 Consent and Procedure): shape, cardinality,
   datatypes, value[x].
2. Tend's own checks, for what those models miss: Bundle.type collection; fullUrls unique
   lowercase urn:uuid (RFC 4122); every reference resolves inside the Bundle and points at an
   allowed resource type; status codes; Consent has policyRule (ppc-1); every dateTime with a
   time has a UTC offset; LOINC mod-10 and SNOMED CT Verhoeff check digits.
3. pyfhircheck 0.2.0 (native backend, offline) with the StructureDefinitions Tend ships in
   `.ci/fhir/` (.ci/pyfhircheck.json): every extension must be defined and carry its value type.

Prints OK or INVALID per file with every problem; exits 0 only if all files pass, 2 if
fhir.resources is missing.
"""
import json
import os
import re
import subprocess
import sys

try:
    from pydantic import ValidationError
    from fhir.resources.R4B.bundle import Bundle  # not fhir.resources.bundle: that one is R5
except ImportError as error:
    print(f"SKIP: fhir.resources is not installed ({error}); pip install fhir.resources")
    sys.exit(2)
try:
    import pyfhircheck  # noqa: F401  (run as a module below, with Tend's definitions)
except ImportError as error:
    print(f"SKIP: pyfhircheck is not installed ({error}); pip install pyfhircheck==0.2.0")
    sys.exit(2)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UUID = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")
OFFSET = re.compile(r"(Z|[+-]\d{2}:\d{2})$")
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
PROCEDURE_STATUS = {"completed", "stopped", "not-done", "in-progress", "entered-in-error"}
OBSERVATION_STATUS = {"final", "amended", "entered-in-error"}
# (resource type, element path) -> allowed target types
TARGETS = {
    ("Observation", "partOf"): {"Procedure"},
    ("Observation", "performer"): {"Patient", "RelatedPerson"},
    ("Observation", "subject"): {"Patient"},
    ("Procedure", "performer.actor"): {"RelatedPerson"},
    ("Procedure", "subject"): {"Patient"},
    ("Procedure", "note.authorReference"): {"Patient", "RelatedPerson"},
    ("RelatedPerson", "patient"): {"Patient"},
    ("Flag", "subject"): {"Patient"},
    ("AllergyIntolerance", "patient"): {"Patient"},
    ("Consent", "patient"): {"Patient"},
    ("Consent", "performer"): {"Patient", "RelatedPerson"},
    ("CarePlan", "subject"): {"Patient"},
    ("CarePlan", "author"): {"Practitioner"},
}

_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def verhoeff_ok(number):
    c = 0
    for i, digit in enumerate(reversed(number)):
        c = _D[c][_P[i % 8][int(digit)]]
    return c == 0


def loinc_ok(code):
    m = re.fullmatch(r"(\d+)-(\d)", code)
    if not m:
        return False
    total = 0
    for i, digit in enumerate(reversed(m.group(1))):
        d = int(digit) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return (10 - total % 10) % 10 == int(m.group(2))


def snomed_ok(code):
    # Short-format SCTID: digits, Verhoeff check digit last, partition "00" (concept) before it.
    return code.isdigit() and 6 <= len(code) <= 18 and code[-3:-1] == "00" and verhoeff_ok(code)


def walk(node, path=""):
    """Yields (path, key, value) for every member of every object, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item, path)


def tend_checks(raw):
    problems = []
    if raw.get("resourceType") != "Bundle" or raw.get("type") != "collection":
        problems.append("Bundle.type must be collection")
    ident = (raw.get("identifier") or {}).get("value", "")
    if not UUID.match(ident):
        problems.append(f"Bundle.identifier {ident!r} is not a lowercase urn:uuid")
    entries = raw.get("entry") or []
    urls = [e.get("fullUrl", "") for e in entries]
    if len(set(urls)) != len(urls):
        problems.append("fullUrls are not unique")
    types = {}
    for url, entry in zip(urls, entries):
        if not UUID.match(url):
            problems.append(f"fullUrl {url!r} is not a lowercase RFC 4122 urn:uuid")
        types[url] = (entry.get("resource") or {}).get("resourceType")
    for index, entry in enumerate(entries):
        res = entry.get("resource") or {}
        rtype = res.get("resourceType")
        where = f"entry.{index} ({rtype})"
        if rtype == "Procedure" and res.get("status") not in PROCEDURE_STATUS:
            problems.append(f"{where}: Procedure.status {res.get('status')!r}")
        if rtype == "Observation" and res.get("status") not in OBSERVATION_STATUS:
            problems.append(f"{where}: Observation.status {res.get('status')!r}")
        if rtype == "Consent" and not (res.get("policyRule") or res.get("policy")):
            problems.append(f"{where}: Consent needs policyRule or policy (ppc-1)")
        if rtype == "Flag" and "author" in res:
            problems.append(f"{where}: Tend never sets Flag.author (R4 forbids RelatedPerson)")
        for path, key, value in walk(res):
            if key == "reference" and isinstance(value, str):
                if value not in types:
                    problems.append(f"{where}: {path}.reference {value} does not resolve in the Bundle")
                    continue
                allowed = TARGETS.get((rtype, path))
                if allowed is not None and types[value] not in allowed:
                    problems.append(f"{where}: {path} points at {types[value]}, expected {sorted(allowed)}")
            if isinstance(value, str) and DATETIME.match(value) and not OFFSET.search(value):
                problems.append(f"{where}: {path}.{key} {value!r} has a time but no UTC offset")
            if key == "coding" and isinstance(value, list):
                for coding in value:
                    system, code = coding.get("system"), coding.get("code", "")
                    if system == LOINC and not loinc_ok(code):
                        problems.append(f"{where}: LOINC {code!r} fails its mod-10 check digit")
                    if system == SNOMED and not snomed_ok(code):
                        problems.append(f"{where}: SNOMED CT {code!r} fails its Verhoeff check digit")
    return problems


def validate(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
        raw = json.loads(data)
    except (OSError, ValueError) as err:
        return [f"cannot read: {err}"], []
    problems = []
    types = []
    try:
        bundle = Bundle.model_validate_json(data)
        types = [e.resource.get_resource_type() for e in bundle.entry or []]
    except ValidationError as err:  # shape, required elements, datatypes, value[x] choice
        problems.append(str(err))
    except KeyError as err:  # fhir.resources raises KeyError for an unknown resourceType
        problems.append(f"unknown resourceType {err}")
    problems += tend_checks(raw)
    problems += pyfhircheck_problems(path)
    return problems, types


def pyfhircheck_problems(path):
    run = subprocess.run(
        [sys.executable, "-m", "pyfhircheck", "bundle", "-c", os.path.join(REPO, ".ci", "pyfhircheck.json"),
         os.path.abspath(path)],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    if "Status: PASS" in out:
        return []
    issues = [line.strip() for line in out.splitlines() if line.strip().startswith("- ")]
    return [f"pyfhircheck: {line[2:]}" for line in issues] or [f"pyfhircheck: {out.strip()[-400:]}"]


def main(paths):
    failed = 0
    for path in paths:
        problems, types = validate(path)
        if problems:
            failed += 1
            print(f"INVALID: {path}")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"OK: {path} is a valid FHIR R4B Bundle (collection), {len(types)} entries, Tend checks pass")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
