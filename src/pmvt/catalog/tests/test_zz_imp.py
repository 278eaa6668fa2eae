import time
from pmvt.catalog.csv_format import COLUMNS
from pmvt.catalog.services.imports import catalog_import_csv
def test_big(seller, owner, categories):
    rows = [";".join([f"S{i}", f"Pain n°{i // 2}", "Pains", "produit", "", "pièce", "5,5", f"{i % 2} kg", "3,20", "", "oui", "5", "", "bio", "gluten"]) for i in range(10000)]
    data = ("\ufeff" + ";".join(COLUMNS) + "\r\n" + "\r\n".join(rows) + "\r\n").encode()
    t = time.time(); r = catalog_import_csv(actor=seller, by=owner, data=data); print("create", time.time() - t, r)
    t = time.time(); r = catalog_import_csv(actor=seller, by=owner, data=data.replace(b"3,20", b"3,40").replace(b"Pains;", b"Boulangerie-p\xc3\xa2tisserie;")); print("update", time.time() - t, r)
    t = time.time(); r = catalog_import_csv(actor=seller, by=owner, data=data.replace(b"3,20", b"3,40").replace(b"Pains;", b"Boulangerie-p\xc3\xa2tisserie;")); print("same", time.time() - t, r)
