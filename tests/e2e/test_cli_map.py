"""``jejaring map`` and ``jejaring intro --customer`` end to end with the real record matching,
on both databases."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.customers import CustomerStatus
from jejaring.services.bootstrap import bootstrap
from jejaring.services.policies import set_policy
from tests.factories import customer, persist, tie
from tests.support.sharing import build_sharing

runner = CliRunner()
P = CustomerStatus.PROSPECT


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _community(db_url: str) -> None:
    """The same firms typed differently by a and b: NPWP punctuation, e-mail case, phone form."""
    ctx = bootstrap(Settings(database_url=db_url))
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            customer("a", "a-npwp", name="PT Sinar Jaya", tax_id="01.234.567.8-901.000",
                     territory="32", segment="ritel"),
            customer("a", "a-mail", name="CV Maju", email="Budi@MajuSentosa.co.id", status=P),
            customer("a", "a-phone", name="UD Makmur", phone="0812-3456-7890", segment="grosir"),
            customer("a", "a-alone", name="Toko Lain", tax_id="99.999.999.9-999.000"),
            customer("b", "b1", name="Sinar Jaya", tax_id="012345678901000", segment="ritel",
                     email="info@sinarjaya.co.id"),
            customer("b", "b2", name="Maju Sentosa", email="budi@majusentosa.co.id"),
            customer("b", "b3", name="Makmur", phone="+62 812 3456 7890", status=P),
            tie("a", "b", "knows"),
        )  # fmt: skip
        uow.commit()
    set_policy(ctx, None, "coop", "b", mapping_level=MappingLevel.OVERLAPS,
               introductions_allowed=True)  # fmt: skip
    ctx.close()


def test_map_finds_each_category_with_the_rule_that_fired(db_url: str) -> None:
    _community(db_url)
    found = _json("map", "a", "b", "--db", db_url, "--as", "viewer@a")
    assert found["level"] == "overlaps"
    totals = {name: c["total"] for name, c in found["categories"].items()}
    assert totals == {
        "customers_in_common": "< 5",
        "a_prospects_b_customers": "< 5",
        "b_prospects_a_customers": "< 5",
    }
    pairs = {(o["a_key"], o["b"]["key"], o["rule"]) for o in found["overlaps"]}
    assert pairs == {("a-npwp", "b1", "tax_id"), ("a-mail", "b2", "email"),
                     ("a-phone", "b3", "phone")}  # fmt: skip
    assert all("email" not in o["b"] for o in found["overlaps"])  # not shared at this level
    people = runner.invoke(app, ["map", "a", "b", "--db", db_url])
    assert people.exit_code == 0 and "Customers in common: < 5" in people.output
    trail = _json("audit", "b", "--db", db_url)
    assert [e["action"] for e in trail][:2] == ["mapping.read", "mapping.read"]


def test_intro_to_a_customer_ends_at_the_partner_holding_it(db_url: str) -> None:
    _community(db_url)
    found = _json("intro", "a", "--to", "a-npwp", "--customer", "--db", db_url, "--as", "owner@a")
    (route,) = found["routes"]
    assert route["actors"] == ["a", "b"] and route["introducer"] == "b"
    assert (route["match"]["key"], route["match"]["rule"]) == ("b1", "tax_id")
    assert "tax_id" not in route["match"]
    refused = runner.invoke(app, ["map", "b", "a", "--db", db_url, "--as", "owner@b"])
    assert refused.exit_code == 1 and "'a' shares no account mapping" in refused.stderr
