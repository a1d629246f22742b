"""``privacy.identity``: one label per real-world customer, by exact keys, transitively."""

from __future__ import annotations

import polars as pl

from jejaring.privacy.identity import identities


def test_records_sharing_a_key_are_one_customer_transitively() -> None:
    records = pl.DataFrame(
        {
            "email": ["Budi@TokoMaju.co.id", None, None, "siti@tokomaju.co.id", None],
            "phone": [None, "0812-1111-2222", "+62 812 3333 4444", None, None],
            "tax_id": ["01.234.567.8-901.000", "012345678901000", "99.999.999.9-999.0", None, None],
        }
    )
    labels = identities(records).tolist()
    # 0 and 1 share the NPWP; 3 only shares the corporate domain, 4 has no key at all.
    assert labels[0] == labels[1]
    assert len({labels[0], labels[2], labels[3], labels[4]}) == 4
    assert sorted(set(labels)) == [0, 1, 2, 3]


def test_a_chain_of_different_keys_joins_three_records() -> None:
    records = pl.DataFrame(
        {"email": ["a@x.id", "A@X.ID", None], "phone": [None, "0813 5555 6666", "62813-5555-6666"]}
    )
    assert len(set(identities(records).tolist())) == 1
    assert identities(records.clear()).tolist() == []
