"""Writes the export-shaped fixtures of the reading tests (ExportFixtureTests.swift), each
in the exact column names, value formats, encoding, delimiter and line ends of one export
described in shared/notes/export-formats.md, a few hundred rows each, and next to each the
values `clv` must read from it, computed here from the generating values (not by parsing
the written file):

  NAME.csv (or .txt)       the export as the platform writes it
  NAME.expected.tsv        one line per row the loader keeps, in file order:
                           customer id, ISO date, amount (events: event type; profiles:
                           signup date or empty, then every other column as text)
  NAME.expected.json       row counts: data rows, kept, no customer id, duplicates,
                           quarantined per reason

Run: python3 make_fixtures.py  (deterministic: seeded; writes into this folder)
"""
import csv
import datetime as dt
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def write_expected(stem, rows, counts):
    with open(os.path.join(HERE, stem + ".expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(HERE, stem + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(counts, f, indent=1, sort_keys=True)
        f.write("\n")


def csv_text(header, rows, delimiter=",", lineterminator="\n", quoting=csv.QUOTE_MINIMAL):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def money(cents):
    """An exact amount as the reader's double prints in Swift's shortest form, e.g. 12.5, -3.0."""
    return repr(cents / 100)


def de_amount(cents):
    """German notation: 1.234,56 (thousands '.', decimal ',')."""
    sign = "-" if cents < 0 else ""
    c = abs(cents)
    whole = f"{c // 100:,}".replace(",", ".")
    return f"{sign}{whole},{c % 100:02d}"


def us_amount(cents):
    sign = "-" if cents < 0 else ""
    c = abs(cents)
    return f"{sign}{c // 100:,}.{c % 100:02d}"


def german_excel():
    rng = random.Random(11)
    header = ["Bestellnummer", "Kundennummer", "Bestelldatum", "Betrag", "Status", "Zahlungsart"]
    rows, expected = [], []
    no_id = 0
    day0 = dt.date(2023, 1, 2)
    for i in range(300):
        d = day0 + dt.timedelta(days=rng.randrange(0, 360))
        cents = rng.choice([rng.randrange(500, 9000), rng.randrange(100000, 350000)])
        status = rng.choice(["bezahlt"] * 8 + ["storniert", "offen"])
        customer = "" if i % 37 == 5 else f"K{1000 + rng.randrange(60)}"
        number = f"B-{50000 + i}"
        if i % 41 == 7:  # a credit note (Gutschrift): a negative row of its own
            cents, status, number = -rng.randrange(500, 5000), "Gutschrift", f"G-{7000 + i}"
        rows.append([number, customer, d.strftime("%d.%m.%Y"), de_amount(cents), status, rng.choice(["Rechnung", "PayPal", "Lastschrift"])])
        if customer:
            expected.append([customer, d.isoformat(), money(cents)])
        else:
            no_id += 1
    write("german_excel_orders.csv", csv_text(header, rows, delimiter=";", lineterminator="\r\n"), bom=True)
    write_expected("german_excel_orders", expected, {"dataRows": 300, "kept": len(expected), "noCustomerID": no_id, "duplicates": 0, "quarantined": {}})


DESCRIPTIONS = ["WHITE HANGING HEART T-LIGHT HOLDER", "REGENCY CAKESTAND 3 TIER", "JUMBO BAG RED RETROSPOT",
                "PARTY BUNTING", "LUNCH BAG RED RETROSPOT", "SET OF 3 CAKE TINS PANTRY DESIGN",
                "CRÈME BRÛLÉE RAMEKIN", "PAPIER MÂCHÉ BOWL", "NOËL GARLAND", "POSTAGE"]


def online_retail(version):
    """UCI Online Retail (I: Latin-1, 12/1/2010 8:26, CustomerID, UnitPrice) and II (UTF-8,
    2009-12-01 07:45:00, Customer ID written by pandas as 13085.0, Price)."""
    rng = random.Random(21 + version)
    if version == 1:
        header = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
        start = dt.datetime(2010, 12, 1, 8, 26)
    else:
        header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]
        start = dt.datetime(2009, 12, 1, 7, 45)
    rows, expected = [], []
    no_id = dup = 0
    t = start
    invoice = 536365
    while len(rows) < 320:
        t += dt.timedelta(minutes=rng.randrange(60, 700))
        invoice += 1
        guest = rng.random() < 0.25
        customer = "" if guest else str(rng.randrange(12346, 12420))
        cancel = rng.random() < 0.06
        for _ in range(rng.randrange(1, 5)):
            desc = rng.choice(DESCRIPTIONS)
            qty = rng.randrange(1, 25) * (-1 if cancel else 1)
            price_cents = 0 if desc == "POSTAGE" and rng.random() < 0.3 else rng.randrange(29, 1500)
            if version == 1:
                date_text = f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}"
                cid = customer
            else:
                date_text = t.strftime("%Y-%m-%d %H:%M:%S")
                cid = f"{customer}.0" if customer else ""
            row = [("C" if cancel else "") + str(invoice), str(rng.randrange(20000, 90000)), desc, str(qty), date_text,
                   f"{price_cents / 100:.2f}".rstrip("0").rstrip(".") if price_cents % 100 else str(price_cents // 100),
                   cid, rng.choice(["United Kingdom", "France", "EIRE", "Germany"])]
            rows.append(row)
            if not customer:
                no_id += 1
            else:
                expected.append([cid, t.date().isoformat(), money(price_cents)])
                if dup < 2 and len(rows) > (40 if dup == 0 else 200):  # exact duplicate lines, as the real file has
                    rows.append(list(row))
                    dup += 1
    name = "online_retail_i" if version == 1 else "online_retail_ii"
    write(name + ".csv", csv_text(header, rows), encoding="latin-1" if version == 1 else "utf-8")
    write_expected(name, expected, {"dataRows": len(rows), "kept": len(expected), "noCustomerID": no_id, "duplicates": dup, "quarantined": {}})


SHOPIFY_HEADER = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
                  "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
                  "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
                  "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
                  "Billing Name", "Billing City", "Billing Country", "Refunded Amount", "Payment Method", "Vendor", "Id",
                  "Tags", "Risk Level", "Source", "Cancelled at"]


def shopify():
    rng = random.Random(31)
    people = ["Ann.Lee@example.com", "bob.stone@example.com", "CARA.diaz@Example.com", "dev.rao@example.com",
              "eli.fox@example.com", "fay.kim@example.com", "gus.obi@example.com", "hal.ng@example.com"]
    rows, expected = [], []
    no_id = 0
    t = dt.datetime(2023, 1, 3, 9, 0)
    number = 1000
    while len(rows) < 300:
        number += 1
        t += dt.timedelta(hours=rng.randrange(3, 40), minutes=rng.randrange(60), seconds=rng.randrange(60))
        email = rng.choice(people)
        if rng.random() < 0.5:
            email = email.lower() if rng.random() < 0.5 else email
        lines = [(rng.randrange(1, 4), rng.choice(["Tea Infuser", "Matcha Tin 100g", "Sencha 50g", "Kyusu Pot"]), rng.randrange(500, 4000)) for _ in range(rng.randrange(1, 4))]
        subtotal = sum(q * p for q, p in [(q, p) for q, _, p in lines])
        shipping = rng.choice([0, 495])
        taxes = subtotal * 8 // 100
        total = subtotal + shipping + taxes
        status = rng.choice(["paid"] * 6 + ["refunded", "partially_refunded", "voided", "pending", "authorized"])
        created = t.strftime("%Y-%m-%d %H:%M:%S") + " -0500"
        refunded = total if status == "refunded" else (total // 3 if status == "partially_refunded" else 0)
        for k, (q, name, p) in enumerate(lines):
            if k == 0:
                row = [f"#{number}", email, status, created if status in ("paid", "refunded", "partially_refunded") else "",
                       "fulfilled", created, "no", "USD", f"{subtotal / 100:.2f}", f"{shipping / 100:.2f}", f"{taxes / 100:.2f}",
                       f"{total / 100:.2f}", "", "0.00", "Standard", created, str(q), name, f"{p / 100:.2f}", "",
                       name[:3].upper() + "-1", "true", "true", "fulfilled", email.split("@")[0], "Portland", "US",
                       f"{refunded / 100:.2f}", "Shopify Payments", "Tea Co", str(5000000000 + number), "", "Low", "web",
                       ""]
                expected.append([email, t.date().isoformat(), money(total)])
            else:
                row = [f"#{number}"] + [""] * 15 + [str(q), name, f"{p / 100:.2f}", "", name[:3].upper() + "-1", "true",
                                                    "true", "fulfilled"] + [""] * 5 + ["Tea Co"] + [""] * 5
                no_id += 1
            rows.append(row)
    write("shopify_orders_export.csv", csv_text(SHOPIFY_HEADER, rows))
    write_expected("shopify_orders_export", expected, {"dataRows": len(rows), "kept": len(expected), "noCustomerID": no_id, "duplicates": 0, "quarantined": {}})


def woocommerce():
    rng = random.Random(41)
    header = ["Order ID", "Order Date", "Order Status", "Customer User ID", "Billing First Name", "Billing Last Name",
              "Billing Email", "Billing Country", "Order Currency", "Order Subtotal", "Order Shipping", "Order Total",
              "Order Refund", "Payment Method", "Shipping Method"]
    rows, expected = [], []
    t = dt.datetime(2023, 1, 2, 8, 0)
    for i in range(300):
        t += dt.timedelta(minutes=rng.randrange(30, 1700))
        member = rng.random() < 0.6
        uid = str(rng.randrange(100, 160)) if member else "0"
        first = f"Member{uid}" if member else f"Guest{i}"
        email = f"{first.lower()}@shop.test"
        subtotal = rng.randrange(900, 25000)
        shipping = rng.choice([0, 490])
        total = subtotal + shipping
        status = rng.choice(["completed"] * 6 + ["processing", "on-hold", "pending", "cancelled", "refunded", "failed"])
        refund = total if status == "refunded" else 0
        rows.append([str(2000 + i), t.strftime("%Y-%m-%d %H:%M"), status, uid, first, "Doe", email, "DE", "EUR",
                     f"{subtotal / 100:.2f}", f"{shipping / 100:.2f}", f"{total / 100:.2f}", f"{refund / 100:.2f}",
                     rng.choice(["bacs", "paypal", "stripe"]), "flat_rate"])
        expected.append([uid, t.date().isoformat(), money(total)])
    write("woocommerce_orders.csv", csv_text(header, rows, quoting=csv.QUOTE_ALL))
    write_expected("woocommerce_orders", expected, {"dataRows": 300, "kept": 300, "noCustomerID": 0, "duplicates": 0, "quarantined": {}})


def stripe():
    rng = random.Random(51)
    header = ["id", "Description", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Converted Amount",
              "Converted Amount Refunded", "Fee", "Converted Currency", "Status", "Seller Message", "Captured",
              "Card Brand", "Customer ID", "Customer Email"]
    rows, expected = [], []
    no_id = 0
    t = dt.datetime(2023, 1, 1, 0, 0, 0)
    customers = [f"cus_{rng.getrandbits(40):010x}" for _ in range(40)]
    for i in range(300):
        t += dt.timedelta(seconds=rng.randrange(3600, 200000))
        cents = rng.choice([rng.randrange(500, 20000), rng.randrange(100000, 900000)])
        currency = rng.choice(["usd", "usd", "eur", "gbp"])
        status = rng.choice(["Paid"] * 7 + ["Failed", "Refunded"])
        refunded = cents if status == "Refunded" else 0
        cid = "" if rng.random() < 0.15 else rng.choice(customers)
        rows.append([("ch_" if i % 3 else "py_") + f"{rng.getrandbits(64):016x}", f"Order {7000 + i}",
                     t.strftime("%Y-%m-%d %H:%M:%S"), us_amount(cents), us_amount(refunded), currency, us_amount(cents),
                     us_amount(refunded), us_amount(cents * 29 // 1000 + 30), "usd", status,
                     "Payment complete." if status != "Failed" else "Your card was declined.",
                     "true" if status != "Failed" else "false", rng.choice(["Visa", "MasterCard"]), cid,
                     f"buyer{i % 50}@corp.test" if cid else ""])
        if cid:
            expected.append([cid, t.date().isoformat(), money(cents)])
        else:
            no_id += 1
    write("stripe_payments.csv", csv_text(header, rows))
    write_expected("stripe_payments", expected, {"dataRows": 300, "kept": len(expected), "noCustomerID": no_id, "duplicates": 0, "quarantined": {}})


def ga4():
    rng = random.Random(61)
    header = ["event_date", "event_timestamp", "event_name", "user_pseudo_id", "user_id", "platform", "device.category",
              "geo.country", "event_params.ga_session_id", "event_params.page_location", "ecommerce.purchase_revenue"]
    rows, expected = [], []
    no_id = 0
    us = int(dt.datetime(2023, 1, 5, tzinfo=dt.timezone.utc).timestamp()) * 1_000_000
    for i in range(400):
        us += rng.randrange(1_000_000, 900_000_000)
        name = rng.choice(["page_view"] * 5 + ["view_item"] * 3 + ["add_to_cart", "begin_checkout", "purchase"])
        pseudo = f"{rng.randrange(10**9, 10**10)}.{rng.randrange(10**9, 10**10)}"
        uid = f"U{rng.randrange(100, 140)}" if rng.random() < 0.43 else ""
        day = dt.datetime.fromtimestamp(us // 1_000_000, dt.timezone.utc).date()
        rows.append([day.strftime("%Y%m%d"), str(us), name, pseudo, uid, "WEB", rng.choice(["desktop", "mobile"]), "Germany",
                     str(rng.randrange(10**9, 2 * 10**9)), f"https://shop.test/p/{rng.randrange(100)}",
                     f"{rng.randrange(1000, 9000) / 100:.2f}" if name == "purchase" else ""])
        if uid:
            expected.append([uid, day.isoformat(), name])
        else:
            no_id += 1
    write("ga4_events.csv", csv_text(header, rows))
    write_expected("ga4_events", expected, {"dataRows": 400, "kept": len(expected), "noCustomerID": no_id, "duplicates": 0, "quarantined": {}})


def crm():
    """A CRM customer table saved by Excel: Windows-1252, CRLF, dd/mm/yyyy signup dates, Yes/No
    flags, birth years with gaps; and the same table as Excel "Unicode text" (UTF-16LE, BOM, tabs)."""
    rng = random.Random(71)
    header = ["customer_id", "first_name", "last_name", "email", "signup_date", "newsletter", "birth_year", "country"]
    firsts = ["Anna", "François", "Zoë", "Jürgen", "Œlle", "Søren", "Małgorzata", "José", "Chloé", "Ole"]
    lasts = ["Müller", "Dupont", "Smith", "Šimek", "Ibáñez", "O'Brien", "Weiß", "Nørgaard"]
    rows, expected = [], []
    for i in range(300):
        d = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
        first = rng.choice(firsts)
        last = rng.choice(lasts)
        if "ł" in first:  # not in Windows-1252: the Polish name is written as Excel would, with a '?'
            first = first.replace("ł", "?")
        email = f"{first[0].lower()}.{i}@Mail.test"
        row = [str(13000 + i), first, last, email, d.strftime("%d/%m/%Y"), rng.choice(["Yes", "No"]),
               "" if rng.random() < 0.2 else str(rng.randrange(1950, 2004)), rng.choice(["France", "Deutschland", "España"])]
        rows.append(row)
        expected.append([row[0], d.isoformat()] + [row[1], row[2], row[3], row[5], row[6], row[7]])
    write("crm_customers.csv", csv_text(header, rows, lineterminator="\r\n"), encoding="cp1252")
    text = csv_text(header, rows, delimiter="\t", lineterminator="\r\n")
    with open(os.path.join(HERE, "crm_customers_unicode.txt"), "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    write_expected("crm_customers", expected, {"dataRows": 300, "kept": 300, "noCustomerID": 0, "duplicates": 0, "quarantined": {}})


if __name__ == "__main__":
    german_excel()
    online_retail(1)
    online_retail(2)
    shopify()
    woocommerce()
    stripe()
    ga4()
    crm()
