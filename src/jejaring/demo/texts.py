"""Short Indonesian texts for posts in cooperations' channels and for referral notes.

Slots: ``{product}``, ``{place}``, ``{business}``, ``{price}`` (rupiah), ``{pct}`` (percent).
The regulation posts state real rules in general terms: halal certification of food and drink
(with the free SEHATI programme for micro businesses), the NIK used as a person's NPWP, and the
business identification number (NIB) obtained through OSS.
"""

from __future__ import annotations

__all__ = ["NOTES", "POSTS"]

POSTS: dict[str, tuple[tuple[str, str], ...]] = {
    "market_info": (
        (
            "Permintaan {product} naik di {place}",
            "Beberapa toko langganan di {place} minta tambahan kiriman {product} minggu ini. "
            "Stok kami mulai menipis, siapa yang masih ada barang?",
        ),
        (
            "Pasar {place} ramai menjelang Lebaran",
            "Penjualan {product} di {place} naik sekitar {pct}% dibanding bulan lalu. "
            "Sebaiknya siapkan stok lebih awal.",
        ),
        (
            "Toko baru buka di {place}",
            "Ada minimarket baru di jalan utama {place}, pemiliknya sedang cari pemasok {product}.",
        ),
    ),
    "price": (
        (
            "Harga {product} naik {pct}%",
            "Dari distributor di {place}, harga {product} naik {pct}% mulai minggu depan. "
            "Yang mau ambil harga lama, pesan sebelum Sabtu.",
        ),
        (
            "Harga {product} turun di {place}",
            "Harga {product} di {place} sekarang Rp {price}. Pasokan sedang melimpah.",
        ),
        (
            "Info harga {product} minggu ini",
            "Harga rata-rata {product} di {place}: Rp {price}. Mohon dibagi kalau ada info dari "
            "daerah lain.",
        ),
    ),
    "lead": (
        (
            "{business} cari pemasok {product}",
            "{business} di {place} butuh pasokan {product} rutin tiap bulan. Saya kenal "
            "pemiliknya, bisa saya perkenalkan.",
        ),
        (
            "Ada pembeli {product} partai besar",
            "Seorang pembeli dari {place} cari {product} untuk acara akhir bulan. Hubungi saya "
            "untuk kontaknya.",
        ),
    ),
    "opportunity": (
        (
            "Pameran UMKM di {place}",
            "Dinas Koperasi dan UKM {place} membuka pendaftaran stan pameran bulan depan. Biaya "
            "stan bisa kita tanggung bersama.",
        ),
        (
            "Tender pengadaan {product} di {place}",
            "Pemerintah daerah {place} membuka tender pengadaan {product}. Kalau mau ikut, kita "
            "bisa masuk bersama sebagai konsorsium.",
        ),
        (
            "Peluang ekspor {product}",
            "Ada pembeli luar negeri yang cari {product}. Minimal order cukup besar, perlu gabung "
            "stok beberapa anggota.",
        ),
    ),
    "risk": (
        (
            "Jalan ke {place} rusak, pengiriman terlambat",
            "Jalur utama ke {place} tergenang banjir. Pengiriman {product} bisa terlambat "
            "2-3 hari.",
        ),
        (
            "Waspada pembeli fiktif",
            "Ada yang mengaku dari {business}, pesan {product} lalu minta tempo. Sudah dicek, "
            "bukan orang mereka. Hati-hati.",
        ),
        (
            "Pembayaran {business} sering telat",
            "Tagihan ke {business} di {place} sudah lewat 60 hari. Yang masih kirim ke sana "
            "sebaiknya minta uang muka dulu.",
        ),
    ),
    "regulation": (
        (
            "Sertifikat halal untuk makanan dan minuman",
            "Produk makanan dan minuman yang dijual wajib bersertifikat halal. Pendaftaran lewat "
            "SIHALAL; untuk usaha mikro ada program sertifikasi gratis (SEHATI).",
        ),
        (
            "NPWP orang pribadi sekarang NIK",
            "NPWP orang pribadi sekarang memakai NIK 16 digit. Mohon perbarui data pelanggan dan "
            "faktur.",
        ),
        (
            "Izin usaha lewat OSS",
            "Nomor Induk Berusaha (NIB) diurus lewat OSS. Pembeli instansi di {place} mulai minta "
            "NIB pemasok.",
        ),
    ),
}

NOTES: dict[str, tuple[str, ...]] = {
    "requested": (
        "Minta dikenalkan ke bagian pembelian",
        "Mohon bantu hubungkan, kami mau tawarkan produk",
    ),
    "accepted": ("Siap, saya hubungi pemiliknya minggu ini", "Oke, nanti saya atur waktu ketemu"),
    "declined": (
        "Maaf, hubungan kami sedang kurang baik",
        "Belum bisa, mereka sudah punya pemasok tetap",
    ),
    "introduced": ("Sudah dikenalkan lewat WhatsApp", "Sudah ketemu langsung, tunggu penawaran"),
    "won": ("PO pertama sudah masuk", "Deal, kontrak tiga bulan"),
    "lost": ("Harga kami tidak cocok", "Mereka pilih pemasok lain"),
}
