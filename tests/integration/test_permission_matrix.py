"""The permission matrix (issue 12 item 6, issue 14): every operation of the API, as the route
table publishes it in the OpenAPI document, against every role. The reviewed matrix is
permission_matrix.json (operation -> the roles that may call it); the test fails when an
operation is missing from it or has other roles in the route table (a new route cannot be
forgotten), and then calls every operation as every role over HTTP: a role outside the matrix
must get 403 forbidden, a role inside must never get it. Public operations (login, signed
callbacks, health, the document itself) are listed apart.

The requests carry unknown ids and empty bodies, so an allowed call is refused later (404, 422,
409) and changes nothing."""

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MATRIX = os.path.join(HERE, "permission_matrix.json")
PARAMS = {"order_no": "20000101999999", "id": "999999999", "sku": "NO-SUCH-SKU",
          "code": "NO-SUCH-WH", "username": "no_such_user", "member_id": "no-such-member",
          "provider": "NOPROVIDER", "carrier": "NOCARRIER", "line": "NO-SUCH-SKU"}


def load_matrix():
    with open(MATRIX, encoding="utf-8") as f:
        return json.load(f)


class PermissionMatrixTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        doc = o.expect(cls.server.client().get("/api/v1/openapi.json"), 200)
        cls.roles = doc["info"]["x-roles"]
        cls.operations = {}
        for path, item in doc["paths"].items():
            for method, operation in item.items():
                cls.operations[f"{method.upper()} {path}"] = operation
        cls.clients = {role: cls.server.client(
            cls.server.token(role, "web" if role == "channel" else None)) for role in cls.roles}

    def test_every_operation_is_in_the_reviewed_matrix_with_the_roles_it_grants(self):
        matrix = load_matrix()
        protected = {name: op for name, op in self.operations.items() if "x-roles" in op}
        public = {name for name, op in self.operations.items() if op.get("security") == []}
        self.assertEqual(sorted(set(protected) - set(matrix["protected"])), [],
                         "operations missing from permission_matrix.json: review and add them")
        self.assertEqual(sorted(set(matrix["protected"]) - set(protected)), [],
                         "operations in permission_matrix.json that no longer exist")
        self.assertEqual(sorted(public), sorted(matrix["public"]))
        for name, op in sorted(protected.items()):
            with self.subTest(operation=name):
                self.assertEqual(sorted(op["x-roles"]), sorted(matrix["protected"][name]),
                                 f"{name} ({op.get('x-permission')})")

    def test_every_role_is_refused_exactly_the_operations_outside_its_job(self):
        matrix = load_matrix()["protected"]
        for name in sorted(matrix):
            method, path = name.split(" ", 1)
            concrete = re.sub(r"\{(\w+)\}", lambda m: PARAMS.get(m.group(1), "x"), path)
            for role in self.roles:
                with self.subTest(operation=name, role=role):
                    client = self.clients[role]
                    resp = (client.request(method, concrete, {}) if method != "GET"
                            else client.request(method, concrete))
                    refused = (resp.status == 403 and isinstance(resp.json, dict)
                               and resp.json.get("code") == "forbidden"
                               and "may not" in resp.json.get("detail", "")
                               and resp.json["detail"].startswith("the role "))
                    if role in matrix[name]:
                        self.assertFalse(refused, resp.describe(300))
                        self.assertLess(resp.status, 500, resp.describe(300))
                    else:
                        self.assertTrue(refused, resp.describe(300))


if __name__ == "__main__":
    unittest.main()
