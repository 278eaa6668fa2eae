"""Derive the compact territory data file shipped with PM-VT from Etalab's découpage administratif.

Run by a developer when the official data changes (never at run time):

    python scripts/build_territory_data.py ../shared/data

It writes src/pmvt/territories/data/decoupage-administratif.json.gz: the 1,255 EPCI with their
member communes, each commune with its postal codes, population, département and région.
"""

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/pmvt/territories/data"


def main(source: Path) -> None:
    communes = {
        c["code"]: c
        for c in json.loads((source / "communes.json").read_text())
        if c["type"] == "commune-actuelle"
    }
    departements = json.loads((source / "departements.json").read_text())
    regions = json.loads((source / "regions.json").read_text())
    epcis = json.loads((source / "epci.json").read_text())
    members_out: dict[str, list] = {}
    epci_out = []
    for epci in sorted(epcis, key=lambda e: e["code"]):
        codes = []
        for member in epci["membres"]:
            commune = communes[member["code"]]
            codes.append(member["code"])
            members_out[member["code"]] = [
                commune["nom"],
                commune.get("codesPostaux", []),
                commune.get("population", member.get("populationMunicipale", 0)),
                commune["departement"],
            ]
        epci_out.append(
            [
                epci["code"],
                epci["nom"],
                epci["type"],
                epci["populationTotale"],
                epci["populationMunicipale"],
                sorted(codes),
            ]
        )
    payload = {
        "source": "Etalab @etalab/decoupage-administratif 6.0.0 (MIT)",
        "fields": {
            "epci": ["siren", "nom", "type", "populationTotale", "populationMunicipale", "membres"],
            "communes": ["nom", "codesPostaux", "population", "departement"],
            "departements": ["nom", "region"],
        },
        "regions": {r["code"]: r["nom"] for r in regions},
        "departements": {d["code"]: [d["nom"], d["region"]] for d in departements},
        "communes": dict(sorted(members_out.items())),
        "epci": epci_out,
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    OUT.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical across rebuilds.
    (OUT / "decoupage-administratif.json.gz").write_bytes(gzip.compress(raw, 9, mtime=0))
    (OUT / "LICENSE-decoupage-administratif").write_bytes(
        (source / "LICENSE-decoupage-administratif").read_bytes()
    )
    print(f"{len(epci_out)} EPCI, {len(members_out)} communes -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
