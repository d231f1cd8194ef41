"""Staff accounts (domain.md §10, OWASP API2 broken authentication): `ordo user add`, login with
an HttpOnly SameSite session cookie (the token in the body only when asked for), the same answer
for an unknown user, a wrong password and a locked account, lock-out after repeated failures,
logout and disabled accounts ending sessions at once, and user administration refused to roles
without users:write."""

import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

PASSWORD = "correct horse battery"


class AccountsTest(o.OrdoTestCase):

    def add_user(self, role="customer_service", password=PASSWORD):
        username = o.unique("u").lower().replace("-", "_")
        res = subprocess.run(
            [self.server.bin, "user", "add", "--data", self.server.data_dir,
             "--username", username, "--role", role, "--display-name", "李娜"],
            input=(password + "\n").encode(), capture_output=True, timeout=30)
        self.assertEqual(res.returncode, 0, res.stderr.decode())
        return username

    def login(self, username, password=PASSWORD, return_token=True):
        body = {"username": username, "password": password}
        if return_token:
            body["return_token"] = True
        return self.anonymous.post("/api/v1/auth/login", body)

    @classmethod
    def seed_class(cls):
        cls.anonymous = cls.server.client(None)

    def test_login_sets_a_protected_cookie_that_authenticates(self):
        username = self.add_user()
        resp = self.login(username)
        o.expect(resp, 200)
        cookie = resp.header("set-cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertEqual(resp.json["user"]["username"], username)
        self.assertNotIn("password", resp.text)
        # A browser's login gets the session in the HttpOnly cookie alone, out of scripts' reach.
        plain = self.login(username, return_token=False)
        o.expect(plain, 200)
        self.assertNotIn("token", plain.json)
        self.assertNotIn("ordo_", plain.text)
        self.assertIn("ordo_session=ordo_", plain.header("set-cookie"))
        session = cookie.split(";")[0]
        me = self.anonymous.get("/api/v1/auth/me", headers={"Cookie": session})
        o.expect(me, 200)
        self.assertEqual(me.json["actor"], f"user:{username}")
        self.assertIn("pii:read", me.json["permissions"])
        # The login's token works as a bearer token too.
        me = self.anonymous.get("/api/v1/auth/me", token=resp.json["token"])
        o.expect(me, 200)

    def test_each_login_opens_a_new_session(self):
        username = self.add_user()
        first = o.expect(self.login(username), 200)["token"]
        second = o.expect(self.login(username), 200)["token"]
        self.assertNotEqual(first, second)

    def test_unknown_user_and_wrong_password_get_the_same_answer(self):
        username = self.add_user()
        wrong = self.login(username, "not the password")
        unknown = self.login("nobody_" + o.unique("x").lower(), "not the password")
        for resp in (wrong, unknown):
            o.expect(resp, 401)
            self.assertEqual(resp.json["code"], "unauthenticated")
        self.assertEqual(wrong.json["detail"], unknown.json["detail"])
        self.assertIsNone(wrong.header("set-cookie"))

    def test_repeated_failures_lock_the_account(self):
        # A locked account answers exactly like an unknown one (it used to say account_locked,
        # which told a guesser the name was real).
        username = self.add_user()
        unknown = self.login("nobody_" + o.unique("x").lower(), "wrong password!")
        for _ in range(4):
            o.expect(self.login(username, "wrong password!"), 401)
        locked = self.login(username, "wrong password!")
        o.expect(locked, 401)
        self.assertEqual((locked.json["code"], locked.json["detail"]),
                         (unknown.json["code"], unknown.json["detail"]))
        # Even the right password waits out the lock.
        right = self.login(username)
        o.expect(right, 401)
        self.assertEqual((right.json["code"], right.json["detail"]),
                         (unknown.json["code"], unknown.json["detail"]))

    def test_logout_ends_the_session(self):
        username = self.add_user()
        token = o.expect(self.login(username), 200)["token"]
        o.expect(self.anonymous.get("/api/v1/auth/me", token=token), 200)
        o.expect(self.anonymous.post("/api/v1/auth/logout", {}, token=token), 200)
        o.expect(self.anonymous.get("/api/v1/auth/me", token=token), 401)

    def test_disabling_an_account_ends_its_sessions_at_once(self):
        username = self.add_user()
        token = o.expect(self.login(username), 200)["token"]
        o.expect(self.admin.post(f"/api/v1/users/{username}/disable", {}), 200)
        o.expect(self.anonymous.get("/api/v1/auth/me", token=token), 401)
        o.expect(self.login(username), 401)
        o.expect(self.admin.post(f"/api/v1/users/{username}/enable", {}), 200)
        o.expect(self.login(username), 200)

    def test_users_are_created_through_the_api_by_an_admin_only(self):
        body = {"username": o.unique("api").lower().replace("-", "_"), "display_name": "王芳",
                "department": "warehouse", "role": "warehouse", "password": PASSWORD}
        created = o.expect(self.admin.post("/api/v1/users", body), 201)
        self.assertEqual(created["role"], "warehouse")
        self.assertNotIn("password", str(created))
        dup = self.admin.post("/api/v1/users", body)
        o.expect(dup, 409)
        self.assertEqual(dup.json["code"], "already_exists")
        weak = dict(body, username="weak_" + body["username"], password="short")
        resp = self.admin.post("/api/v1/users", weak)
        o.expect(resp, 422)
        self.assertEqual(resp.json["errors"][0]["field"], "password")
        clerk = o.expect(self.login(self.add_user()), 200)["token"]
        o.expect(self.anonymous.post("/api/v1/users", dict(body, username="x_" + body["username"]),
                                     token=clerk), 403)
        o.expect(self.anonymous.get("/api/v1/users", token=clerk), 403)
        listed = o.expect(self.admin.get("/api/v1/users"), 200)["data"]
        self.assertIn(body["username"], [u["username"] for u in listed])

    def test_a_department_is_one_registry_entry_however_it_is_written(self):
        # Accounts, cases and KPIs name a department by its registry code: "客服部" and
        # "customer_service" are the same department (issue 13.14).
        for written in ("客服部", "客服", "customer_service"):
            body = {"username": o.unique("dep").lower().replace("-", "_"), "display_name": "王芳",
                    "department": written, "role": "customer_service", "password": PASSWORD}
            created = o.expect(self.admin.post("/api/v1/users", body), 201)
            self.assertEqual(created["department"], "customer_service", written)
        unknown = self.admin.post("/api/v1/users", dict(
            body, username=o.unique("dep").lower().replace("-", "_"), department="销售三组"))
        self.assertFieldError(unknown, "department", "invalid_value")
        o.expect(o.patch_settings(self.admin, {"departments": [
            {"code": "sales-3", "name": "销售三组"}]}), 200)
        created = o.expect(self.admin.post("/api/v1/users", dict(
            body, username=o.unique("dep").lower().replace("-", "_"), department="销售三组")), 201)
        self.assertEqual(created["department"], "sales-3")
        clash = o.patch_settings(self.admin, {"departments": [
            {"code": "cs2", "name": "客服部"}]})
        self.assertFieldError(clash, "departments[0].name", "already_exists")

    def test_staff_actions_are_recorded_under_their_name(self):
        wh = o.create_warehouse(self.admin)
        sku = o.seed_sku_with_stock(self.admin, wh, 5)
        username = self.add_user()
        token = o.expect(self.login(username), 200)["token"]
        order = o.expect(self.anonymous.post("/api/v1/orders", o.order_body([(sku, 1)]),
                                             token=token), 201)
        events = o.expect(self.admin.get(f"/api/v1/orders/{order['order_no']}/events"),
                          200)["data"]
        self.assertEqual(events[0]["actor"], f"user:{username}")

    def test_account_changes_are_in_the_audit_trail(self):
        username = self.add_user()
        o.expect(self.login(username, "wrong password"), 401)
        token = o.expect(self.login(username), 200)["token"]
        o.expect(self.anonymous.post("/api/v1/auth/logout", {}, token=token), 200)
        o.expect(self.admin.post(f"/api/v1/users/{username}/disable", {}), 200)
        o.expect(self.login(username), 401)
        entries = o.expect(self.admin.get("/api/v1/audit",
                                          query={"entity": "user", "id": username}), 200)["data"]
        actions = [(e["action"], e["actor"]) for e in entries]
        self.assertEqual(actions, [
            ("create", "cli"),
            ("login_failed", f"user:{username}"),
            ("login", f"user:{username}"),
            ("logout", f"user:{username}"),
            ("disable", f"token:it-admin-{type(self).__name__}"),
            ("login_refused_disabled", f"user:{username}"),
        ])
        failed = entries[1]
        self.assertEqual(failed["before"]["failed_logins"], 0)
        self.assertEqual(failed["after"]["failed_logins"], 1)
        self.assertFalse(entries[4]["before"]["disabled"])
        self.assertTrue(entries[4]["after"]["disabled"])
        text = str(entries)
        self.assertNotIn("argon2", text)
        self.assertNotIn(token, text)

    def test_password_checks_do_not_hold_the_http_threads(self):
        # Logins run Argon2id on worker threads: while a burst of them is being checked, a
        # plain request is answered at once, and every login gets its answer.
        import concurrent.futures
        import time
        username = self.add_user()
        burst = 16
        with concurrent.futures.ThreadPoolExecutor(max_workers=burst) as pool:
            burst_started = time.monotonic()
            logins = [pool.submit(lambda: self.server.client(None).post(
                "/api/v1/auth/login", {"username": username, "password": PASSWORD}))
                for _ in range(burst)]
            time.sleep(0.02)
            started = time.monotonic()
            o.expect(self.anonymous.get("/healthz"), 200)
            healthz_s = time.monotonic() - started
            statuses = sorted(f.result().status for f in logins)
            burst_s = time.monotonic() - burst_started
        self.assertEqual(statuses, [200] * burst)
        # Sixteen checks queue behind one another on the workers; healthz does not wait for them.
        # (Were they on the HTTP threads, healthz would wait about half the burst.)
        self.assertLess(healthz_s, burst_s / 4, f"healthz {healthz_s:.3f}s, burst {burst_s:.3f}s")

if __name__ == "__main__":
    unittest.main()
