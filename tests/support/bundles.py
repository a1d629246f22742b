"""Small bundles for the import and export tests, written as a person would write them.

``SHEETS`` is a valid bundle using every sheet and most optional columns, on territories that
every initialised test database holds (``32`` Jawa Barat, ``32.04`` Kabupaten Bandung,
``33`` Jawa Tengah), plus one village the bundle adds itself.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jejaring.io.bundle_format import Bundle

__all__ = ["SHEETS", "bundle", "with_row", "write_folder"]

SHEETS: dict[str, str] = {
    "territories": (
        "code,name,parent_code,level,demand\n"
        "32.04,Kabupaten Bandung,32,regency,1500\n"
        "X.1,Kampung Baru,32.04.05,village,10.5\n"
    ),
    "actors": (
        "key,name,kind,sectors,home_territory,coverage,description\n"
        'toko-satu,Toko Satu,Entrepreneur,retail; food,32.04,32.04;33,"Batik, since 1990"\n'
        "pt-dua,PT Dua,company,logistics,32,32,\n"
        "cv-tiga,CV Tiga,organization,,,,\n"
    ),
    "ties": (
        "source,target,type,weight,directed,since,until,visibility\n"
        "toko-satu,pt-dua,knows,2,,2024-01-01,2025-01-01,community\n"
        "pt-dua,cv-tiga,partner_of,,false,,,\n"
    ),
    "customers": (
        "owner,key,name,status,email,phone,tax_id,territory,segment,value\n"
        "toko-satu,c1,Budi,customer,budi@example.id,,,32.04,retail,100\n"
        "toko-satu,c2,Sari,prospect,sari@example.id,0812 555,01.234.567.8-901.000,,,5.25\n"
        "pt-dua,c1,Joko,,,,,X.1,,\n"
    ),
    "resources": (
        "owner,key,name,kind,capacity,unit,territory,cost_rate\n"
        "toko-satu,gudang-1,Gudang Bandung,Warehouse,100,m2,32.04,\n"
        "pt-dua,truk-1,Truk,vehicle,2.5,ton,,15000\n"
    ),
    "cooperations": (
        "key,name,members,mechanisms,purpose\n"
        "koperasi,Koperasi Jejaring,pt-dua;toko-satu,network_sharing; Information Sharing,Reach\n"
    ),
}


def write_folder(folder: Path, sheets: dict[str, str]) -> Path:
    """Write each sheet's text as ``<name>.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sheets.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def with_row(sheets: dict[str, str], name: str, row: str) -> dict[str, str]:
    """``sheets`` with one more line at the end of sheet ``name``."""
    return {**sheets, name: sheets[name] + row + "\n"}


def bundle(sheets: dict[str, str]) -> Bundle:
    """An in-memory bundle of the sheets (no line numbers: numbered as CSV files)."""
    import io

    return Bundle(
        {name: pl.read_csv(io.StringIO(text), infer_schema=False) for name, text in sheets.items()}
    )


def write_customers(folder: Path, rows: int, *, owners: int = 50) -> Path:
    """A bundle of ``owners`` actors and ``rows`` customers spread over real districts."""
    folder.mkdir(parents=True, exist_ok=True)
    districts = ["32.04.05", "32.04.06", "32.04.07", "33.01.01", "11.01.01"]
    pl.DataFrame(
        {
            "key": [f"owner-{i:04d}" for i in range(owners)],
            "name": [f"Usaha {i}" for i in range(owners)],
            "kind": ["company"] * owners,
        }
    ).write_csv(folder / "actors.csv")
    index = pl.int_range(rows, eager=True)
    pl.DataFrame(
        {
            "owner": index.map_elements(lambda i: f"owner-{i % owners:04d}", pl.String),
            "key": index.cast(pl.String).str.zfill(8),
            "name": index.cast(pl.String).str.zfill(8).str.replace("^", "Pelanggan "),
            "territory": index.map_elements(lambda i: districts[i % len(districts)], pl.String),
            "value": index.cast(pl.Float64) / 4,
        }
    ).write_csv(folder / "customers.csv")
    return folder
