"""People's names by naming tradition (how common each is where: :mod:`jejaring.demo.people`).

Written for this project (no generator library), so that names are Indonesian and every draw
is reproducible. ``_`` joins the words of one name (``I_Made`` is one given name).
"""

from __future__ import annotations

from dataclasses import dataclass

from jejaring.demo.sampling import split_words as _w

__all__ = ["CULTURES", "Culture"]


@dataclass(frozen=True)
class Culture:
    """A naming tradition: given names by sex and second (family or given) names by sex."""

    key: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]
    muslim: bool  # whether "H."/"Hj." (hajj) titles occur in how people write the name


CULTURES: tuple[Culture, ...] = (
    Culture(
        "javanese",
        _w(
            "Budi Agus Joko Slamet Bambang Hadi Wahyu Eko Dwi Teguh Sugeng Heru Yudi Bayu Adi "
            "Bagus Sutrisno Sigit Purwanto Gunadi Darmaji Tri Rudi Hendro"
        ),
        _w(
            "Sri Siti Endang Rina Dewi Tri Ratna Ayu Sulastri Retno Wulan Yuni Suparmi Ningsih "
            "Tutik Indah Kartika Puji Dyah Rini"
        ),
        _w(
            "Santoso Wibowo Setiawan Susanto Purnomo Hartono Prasetyo Saputra Nugroho Kurniawan "
            "Wijayanto Sulistyo Raharjo Widodo Suryadi Hidayat Cahyono Pamungkas Utomo Haryanto"
        ),
        _w(
            "Wahyuni Rahayu Handayani Lestari Utami Susilowati Puspitasari Wulandari Kusumawati "
            "Rahmawati Purwaningsih Suryani Setyaningsih Astuti Pratiwi"
        ),
        True,
    ),
    Culture(
        "sundanese",
        _w(
            "Asep Ujang Cecep Dadang Deden Iwan Yayan Dede Acep Engkos Rudi Ade Jajang Dadan "
            "Kusnadi Ridwan"
        ),
        _w("Euis Neneng Iis Enok Popon Yati Lilis Cucu Nining Tati Imas Ai Resti Nenden"),
        _w(
            "Sunandar Hidayat Permana Suryana Supriatna Kusnadi Gunawan Rukmana Sopandi Mulyana "
            "Saepudin Sudrajat Kurnia Ramdani Firmansyah"
        ),
        _w("Nurhayati Rohaeti Komalasari Kurniasih Sumarni Sumiati Herlina Kartini Rosita Marlina"),
        True,
    ),
    Culture(
        "batak",
        _w(
            "Togar Parulian Marihot Hotman Tumpal Binsar Sahat Jonggi Daniel Rudolf Poltak "
            "Martua Bonar Horas"
        ),
        _w(
            "Rotua Tiurma Romauli Dameria Lamtiar Sondang Rosdiana Intan Nurmaida Hotnida "
            "Magdalena Friska"
        ),
        _w(
            "Simanjuntak Siregar Nasution Hutapea Sitorus Panjaitan Sinaga Harahap Simatupang "
            "Lubis Pardede Tambunan Manurung Silalahi Situmorang Hutagalung Napitupulu Pohan"
        ),
        (),
        False,
    ),
    Culture(
        "minang",
        _w(
            "Rizal Afrizal Zulkifli Yusrizal Hendri Syafrizal Erizal Irwan Fauzi Yunaldi Masril Edi"
        ),
        _w("Yulia Rahmi Desi Fitri Yeni Rosmaniar Nurhasanah Elfi Yusnidar Nelly Gusnita"),
        _w("Chaniago Koto Piliang Tanjung Sikumbang Jambak Guci Malin Sutan Datuak_Basa"),
        _w("Chaniago Koto Piliang Tanjung Sikumbang Jambak Guci Yanti Wati"),
        True,
    ),
    Culture(
        "bugis_makassar",
        _w(
            "Andi Baso Syamsul Amiruddin Hasanuddin Ridwan Jufri Sultan Muh._Yusuf Arifuddin "
            "Syahrir Ambo"
        ),
        _w("Andi_Tenri Besse Hasnah Nurhayati Sitti Hasnawati Indo Rosmini Hamsinah Suriani"),
        _w(
            "Mallarangeng Pawelloi Mappasessu Parenrengi Latif Tahir Bakri Sanusi Daeng_Ngalle "
            "Paturusi Lamadi Mappiare"
        ),
        (),
        True,
    ),
    Culture(
        "balinese",
        _w("I_Made I_Wayan I_Ketut I_Nyoman I_Putu I_Gede I_Komang I_Kadek"),
        _w("Ni_Luh Ni_Made Ni_Wayan Ni_Ketut Ni_Putu Ni_Komang Ni_Kadek"),
        _w(
            "Suarta Sudarsana Wirawan Artawan Suastika Mahendra Sudiarta Adnyana Budiasa "
            "Suardana Yasa"
        ),
        _w("Sukerti Ariani Widiastuti Sariasih Suartini Puspawati Sukarini Astiti Suryani"),
        False,
    ),
    Culture(
        "chinese_indonesian",
        _w(
            "Hendra Rudy Steven Kevin Ferry Johan Willy Yohanes Andreas Hartono Sutanto Felix "
            "Jimmy Budi Hengky Sony"
        ),
        _w(
            "Lenny Fenny Lily Meiliana Susan Yenny Linda Shinta Veronica Melinda Lanny Vivian "
            "Cindy Mei_Ling"
        ),
        _w(
            "Wijaya Gunawan Halim Tanoto Salim Tjahjadi Santoso Hartanto Kurniawan Lim Tan Liem "
            "Tanuwijaya Sugianto Setiadi Winata Lie Oei Gozali Tjandra"
        ),
        (),
        False,
    ),
    Culture(
        "arabic",
        _w(
            "Muhammad Ahmad Abdul_Rahman Abdullah Rizki Fauzan Hasan Husein Umar Faisal Ali "
            "Ibrahim Yusuf Zainal Muhammad_Rizki Ahmad_Fauzi Syarif Hamzah"
        ),
        _w(
            "Fatimah Aisyah Khadijah Zahra Nurul Siti_Aminah Salma Maryam Zainab Nur_Aini "
            "Annisa Laila Syarifah"
        ),
        _w(
            "Rahman Hakim Fikri Aziz Ridho Al-Habsyi Assegaf Alatas Baswedan Shihab Alaydrus "
            "Bahasuan Ramadhan Hidayatullah Maulana Nasrullah"
        ),
        _w("Azzahra Hidayah Rahmawati Alatas Assegaf Al-Habsyi Fitriani Nurjanah Maharani"),
        True,
    ),
    Culture(
        "minahasa_maluku",
        _w(
            "Johanis Frans Yohanes Stevanus Ronald Hendrik Marthen Yosef Agustinus Paulus "
            "Jefry Novri Decky"
        ),
        _w("Maria Grace Yuliana Debora Selvi Martha Christin Agnes Meity Stefani Olvie"),
        _w(
            "Lumenta Sondakh Rondonuwu Tumbelaka Wenas Mandagi Pattiasina Latuheru Tuhumury "
            "Manuputty Lasut Pelealu Mamahit Ratulangi Wattimena"
        ),
        (),
        False,
    ),
    Culture(
        "papuan",
        _w("Yakobus Markus Yulianus Naftali Yosias Herman Titus Obaja Lukas Mathias"),
        _w("Yohana Martha Ribka Mince Yuliana Agustina Dorkas Sarlota"),
        _w("Wenda Kogoya Rumbiak Mandowen Wanggai Kambu Yikwa Tabuni Rumbewas Karubaba Mofu"),
        (),
        False,
    ),
)
