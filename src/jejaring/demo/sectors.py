"""Sectors: their keys, how common they are per kind of actor, and words for names and posts."""

from __future__ import annotations

from dataclasses import dataclass

from jejaring.demo.sampling import split_words as _w

__all__ = ["KINDS", "SECTORS", "Sector", "sector_weights"]

# Actor kinds in the order the generator numbers them.
KINDS = ("salesperson", "entrepreneur", "company", "organization")


@dataclass(frozen=True)
class Sector:
    """A sector: its key (stored), Indonesian label, products, shop words and firm words."""

    key: str
    label: str
    weight: float  # share among all actors, before the kind's adjustment
    products: tuple[str, ...]
    shops: tuple[str, ...]  # how a small business of the sector calls itself: "Toko", "Bengkel"
    firm: tuple[str, ...]  # words firms of the sector put in their names: "Logistik", "Farma"
    by_kind: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)


SECTORS: tuple[Sector, ...] = (
    Sector(
        "food_beverage",
        "Kuliner",
        22,
        _w(
            "minyak_goreng gula_pasir kopi_bubuk keripik_singkong sambal_botol frozen_food "
            "air_minum_kemasan tepung_terigu"
        ),
        _w("Warung Rumah_Makan Kedai Katering Dapur Toko_Kue"),
        _w("Food Pangan Kuliner Snack"),
        (1.3, 1.2, 0.8, 1.2),
    ),
    Sector(
        "retail",
        "Ritel",
        14,
        _w("sembako beras_premium sabun_cuci rokok pulsa mi_instan"),
        _w("Toko Toko_Kelontong Minimarket Grosir"),
        _w("Mart Swalayan Retail Niaga"),
        (1.2, 1.3, 0.6, 0.5),
    ),
    Sector(
        "agriculture",
        "Agribisnis",
        9,
        _w("beras cabai_rawit bawang_merah jagung_pipil pupuk_NPK bibit_padi kopi_arabika"),
        _w("Toko_Tani Kios_Pupuk Kelompok_Tani"),
        _w("Agro Tani Agrindo"),
        (0.8, 1.0, 0.9, 2.5),
    ),
    Sector(
        "fishery",
        "Perikanan",
        5,
        _w("ikan_bandeng udang_vaname ikan_tongkol rumput_laut ikan_asin pakan_ikan"),
        _w("Depot_Ikan Tambak UD_Perikanan"),
        _w("Bahari Mina Seafood Samudra"),
        (0.6, 1.0, 0.8, 2.5),
    ),
    Sector(
        "crafts",
        "Kerajinan",
        5,
        _w("anyaman_rotan tas_pandan ukiran_kayu gerabah souvenir"),
        _w("Galeri Sanggar Kerajinan"),
        _w("Kriya Handicraft Art"),
        (0.5, 1.5, 0.3, 2.0),
    ),
    Sector(
        "fashion",
        "Fesyen",
        9,
        _w("batik_tulis kain_tenun kaos_sablon gamis hijab sepatu"),
        _w("Butik Konveksi Toko_Kain Distro"),
        _w("Garmen Textile Konveksi Batik"),
        (0.9, 1.4, 0.7, 1.0),
    ),
    Sector(
        "logistics",
        "Logistik",
        6,
        _w("jasa_kirim sewa_truk pergudangan kargo_laut"),
        _w("Ekspedisi Jasa_Angkut"),
        _w("Logistik Ekspres Transport Cargo"),
        (0.8, 0.8, 2.0, 0.8),
    ),
    Sector(
        "building_materials",
        "Bahan Bangunan",
        6,
        _w("semen besi_beton cat_tembok keramik baja_ringan pasir"),
        _w("Toko_Bangunan TB Depo_Bangunan"),
        _w("Bangunan Material Baja Beton"),
        (0.9, 1.0, 1.8, 0.3),
    ),
    Sector(
        "pharmacy_health",
        "Farmasi & Kesehatan",
        5,
        _w("obat_bebas vitamin alat_kesehatan masker jamu"),
        _w("Apotek Toko_Obat Klinik"),
        _w("Farma Medika Husada"),
        (1.5, 0.8, 1.5, 0.5),
    ),
    Sector(
        "electronics",
        "Elektronik",
        5,
        _w("ponsel aksesoris_HP kulkas kipas_angin lampu_LED CCTV"),
        _w("Toko_Elektronik Servis Counter_HP"),
        _w("Elektronik Teknik Digital"),
        (1.0, 1.0, 1.5, 0.3),
    ),
    Sector(
        "automotive_parts",
        "Suku Cadang Otomotif",
        5,
        _w("oli_mesin ban_motor aki suku_cadang_motor kampas_rem"),
        _w("Bengkel Toko_Sparepart"),
        _w("Motor Parts Otomotif"),
        (1.2, 1.0, 1.3, 0.3),
    ),
    Sector(
        "printing",
        "Percetakan",
        3,
        _w("kemasan_karton stiker_label brosur spanduk"),
        _w("Percetakan Digital_Printing"),
        _w("Printing Grafika Offset"),
        (0.6, 1.2, 1.0, 0.5),
    ),
    Sector(
        "tourism",
        "Pariwisata",
        3,
        _w("paket_wisata homestay tiket_travel oleh-oleh"),
        _w("Homestay Biro_Perjalanan"),
        _w("Tour_&_Travel Wisata"),
        (0.3, 1.2, 1.0, 1.5),
    ),
    Sector(
        "cosmetics",
        "Kosmetik",
        2,
        _w("skincare sabun_herbal parfum lipstik"),
        _w("Toko_Kosmetik Salon"),
        _w("Kosmetik Beauty Cantik"),
        (1.5, 1.0, 0.8, 0.3),
    ),
    Sector(
        "furniture",
        "Mebel",
        1,
        _w("lemari_jati kursi_rotan kasur spring_bed"),
        _w("Toko_Mebel Meubel"),
        _w("Furniture Mebel Interior"),
        (0.5, 1.0, 1.0, 0.5),
    ),
)


def sector_weights() -> list[list[float]]:
    """A row of weights over ``SECTORS`` for each kind of ``KINDS``."""
    return [[s.weight * s.by_kind[k] for s in SECTORS] for k in range(len(KINDS))]
