"""Checks HTTP responses against the server's own OpenAPI document.

Every JSON body the integration suite receives (2xx answers and problem+json alike) is looked up
by method and path among the document's operations and validated against the schema the document
gives for that status and content type. The document's schemas are read closed: an object schema
that does not say what else it allows (`additionalProperties`) allows nothing beyond its
`properties`, so a field the server sends and the document does not describe is refused, as is a
missing required field or a wrong type. The suite therefore fails as soon as the description and
the answers drift apart.

Uses Debian's python3-jsonschema (Draft 7). OpenAPI 3.0's `nullable` becomes a "null" type,
`$ref`s are linked in place (the schemas are shared Python objects, cycles included) and an
`allOf` of object schemas is merged into one closed object.
"""

import re
import threading

import jsonschema

from ordo_server import parse_time

JSON_TYPES = ("application/json", "application/problem+json")

# Keywords that carry over to JSON Schema as they are.
_PLAIN = ("type", "enum", "required", "minimum", "maximum", "exclusiveMinimum",
          "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
          "uniqueItems", "format", "minProperties", "maxProperties", "multipleOf")


class SchemaViolation(AssertionError):
    """A response that the published OpenAPI document does not describe."""


def _format_checker():
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value):
        if isinstance(value, str):
            parse_time(value)
        return True

    @checker.checks("date", raises=ValueError)
    def _date(value):
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            raise ValueError(f"not a date: {value!r}")
        return True

    return checker


class _Converter:
    """OpenAPI 3.0 schemas (components) to closed Draft 7 schemas, $refs linked in place."""

    def __init__(self, components):
        self.components = components
        self.done = {}

    def named(self, name):
        if name not in self.done:
            if name not in self.components:
                raise KeyError(f"the document refers to a schema it lacks: {name}")
            target = {}
            self.done[name] = target  # before converting: a cycle links to the same object
            target.update(self.convert(self.components[name]))
        return self.done[name]

    def ref(self, ref):
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise KeyError(f"unsupported $ref {ref}")
        return self.named(ref[len(prefix):])

    def convert(self, schema):
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "allOf" in schema:
            merged = self._merge_all_of(schema)
            if merged is not None:
                return merged
        out = {k: schema[k] for k in _PLAIN if k in schema}
        if "items" in schema:
            out["items"] = self.convert(schema["items"])
        if "properties" in schema:
            out["properties"] = {k: self.convert(v) for k, v in schema["properties"].items()}
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            out["additionalProperties"] = extra if isinstance(extra, bool) else self.convert(extra)
        elif out.get("type") == "object" or "properties" in schema:
            out["additionalProperties"] = False  # closed unless the schema says otherwise
        for key in ("allOf", "oneOf", "anyOf"):
            if key in schema:
                out[key] = [self.convert(s) for s in schema[key]]
        if schema.get("nullable"):
            if "type" in out:
                out["type"] = [out["type"], "null"]
                if "enum" in out and None not in out["enum"]:
                    out["enum"] = list(out["enum"]) + [None]
            else:
                out = {"anyOf": [out, {"type": "null"}]}
        return out

    def _merge_all_of(self, schema):
        """allOf of object schemas as one object: the union of properties and required."""
        parts = [self.components[s["$ref"].rsplit("/", 1)[1]] if "$ref" in s else s
                 for s in schema["allOf"]]
        if any("allOf" in p or "$ref" in p or p.get("type", "object") != "object" for p in parts):
            return None
        merged = {"type": "object", "properties": {}, "required": []}
        for p in parts:
            merged["properties"].update(p.get("properties", {}))
            merged["required"] += [r for r in p.get("required", []) if r not in merged["required"]]
        if not merged["required"]:
            del merged["required"]
        if schema.get("nullable"):
            merged["nullable"] = True
        return self.convert(merged)


def _pointer(path):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


class ResponseChecker:
    """The validators of one server's document, built once and reused for every response."""

    def __init__(self, document):
        self.document = document
        self._converter = _Converter(document.get("components", {}).get("schemas", {}))
        self._formats = _format_checker()
        self._validators = {}
        self._lock = threading.Lock()
        self._operations = []
        for pattern, item in document.get("paths", {}).items():
            regex = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(pattern)) + "$")
            templated = pattern.count("{")
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    self._operations.append((templated, method.upper(), regex, pattern, operation))
        # A literal segment wins over a parameter, as in the router (/orders/counts).
        self._operations.sort(key=lambda op: op[0])
        self._problem = self._validator(("problem",), {"$ref": "#/components/schemas/Problem"})

    def operation(self, method, path):
        for _, m, regex, pattern, operation in self._operations:
            if m == method and regex.match(path):
                return pattern, operation
        return None, None

    def _validator(self, key, schema):
        with self._lock:
            if key not in self._validators:
                self._validators[key] = jsonschema.Draft7Validator(
                    self._converter.convert(schema), format_checker=self._formats)
            return self._validators[key]

    def check(self, method, target, status, content_type, body):
        """The sentences saying how a response departs from the document (empty when it
        does not). `body` is the parsed JSON; only JSON responses are checked."""
        if content_type not in JSON_TYPES:
            return []
        path = target.split("?", 1)[0]
        where = f"{method} {path} -> {status}"
        pattern, operation = self.operation(method, path)
        if operation is None:
            # No such operation (an unknown path, a wrong method): a problem, as any error.
            if content_type != "application/problem+json":
                return [f"{where}: {content_type} answer on a path the document lacks"]
            return self._errors(where, self._problem, body)
        responses = operation["responses"]
        key = str(status) if str(status) in responses else "default"
        response = responses.get(key)
        if response is None:
            return [f"{where}: status {status} is not documented for {method} {pattern}"]
        media = (response.get("content") or {}).get(content_type)
        if media is None or "schema" not in media:
            return [f"{where}: {content_type} is not documented for {method} {pattern} "
                    f"status {key}"]
        validator = self._validator((method, pattern, key, content_type), media["schema"])
        return self._errors(where, validator, body)

    @staticmethod
    def _errors(where, validator, body):
        out = []
        for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
            out.append(f"{where}: at {_pointer(error.absolute_path)}: {error.message}")
            if len(out) == 10:
                out.append(f"{where}: ... (more)")
                break
        return out


# --------------------------------------------------------------------------------------------
# The census: which fields live responses carry, and which of them the document lacks
# --------------------------------------------------------------------------------------------

def _general(path):
    return "/" + "/".join("*" if isinstance(p, int) else str(p) for p in path)


def fields_of(body, path=()):
    """Every object key in `body` as a pointer with array positions as *."""
    out = set()
    if isinstance(body, dict):
        for k, v in body.items():
            out.add(_general(path + (k,)))
            out |= fields_of(v, path + (k,))
    elif isinstance(body, list):
        for v in body:
            out |= fields_of(v, path + (0,))
    return out


def census(checker, method, target, status, content_type, body):
    """(operation key, fields seen, fields the document lacks) of one JSON response."""
    path = target.split("?", 1)[0]
    pattern, operation = checker.operation(method, path)
    key = f"{method} {pattern or path} {status}"
    seen = fields_of(body)
    missing = set()
    if operation is not None:
        responses = operation["responses"]
        response = responses.get(str(status)) or responses.get("default") or {}
        media = (response.get("content") or {}).get(content_type)
        if media is None or "schema" not in media:
            return key, seen, set(seen)
        validator = checker._validator((method, pattern, str(status) if str(status) in responses
                                        else "default", content_type), media["schema"])
        for error in validator.iter_errors(body):
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                known = error.schema.get("properties", {})
                for k in error.instance:
                    if k not in known:
                        missing.add(_general(tuple(error.absolute_path) + (k,)))
    return key, seen, missing
