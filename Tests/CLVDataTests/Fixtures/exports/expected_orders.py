"""What a shop counts in four of the export fixtures, computed with pandas from the written
CSV files (independently of clv's reader: pandas' own CSV parser, explicit encodings and
date formats), for ExportFixtureTests. make_fixtures.py's NAME.expected.* describe the
rows as read one by one; these describe the orders clv must make of them (#12):

  NAME.orders.tsv    one line per row of the transaction log, in file order of the orders'
                     first lines: customer id (canonical), ISO date, net amount
  NAME.orders.json   data rows, kept lines, lines without a customer id, duplicate lines,
                     purchase orders, cancelled orders, customers, net total

The rules, as a shop computes them by hand:
- a line without a customer id is a guest's, not counted; an exact copy of a kept line
  (every column equal) is a duplicate;
- ids are trimmed; `12356.0` is `12356`; an e-mail is compared in lower case; the
  placeholder id `0` (WooCommerce's guests) is no customer;
- Online Retail (I and II): consecutive lines with one invoice number are one order,
  its value sum(Quantity * Price) on the day of its first line; an invoice starting with
  `C` is a cancellation, netted (-|value|) and no purchase; other orders are purchases
  (an order of negative value is a refund row);
- Shopify read without a preset: no order column (two candidates), `Total` per line with
  an e-mail; WooCommerce without a preset: one line per order, `Order Total`.

Run: ~/peer/bin/python expected_orders.py  (any Python with pandas; writes into this folder)
"""
import json
import os
from decimal import Decimal

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def canonical_id(s):
    s = s.strip()
    if "@" in s:
        return s.lower()
    try:
        d = Decimal(s)
        if d == d.to_integral_value() and "." in s:
            return str(int(d))
    except Exception:
        pass
    return s


def read(name, encoding):
    return pd.read_csv(os.path.join(HERE, name), dtype=str, keep_default_na=False, encoding=encoding)


def write(stem, rows, counts):
    with open(os.path.join(HERE, stem + ".orders.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for c, d, a in rows:
            f.write(f"{c}\t{d}\t{a:.6f}\n")
    with open(os.path.join(HERE, stem + ".orders.json"), "w", encoding="utf-8") as f:
        json.dump(counts, f, indent=1, sort_keys=True)
        f.write("\n")


def kept_lines(df, customer):
    guests = df[customer].str.strip() == ""
    lines = df[~guests]
    dup = lines.duplicated(keep="first")
    return lines[~dup].copy(), int(guests.sum()), int(dup.sum())


def online_retail(stem, encoding, invoice, customer, price, date_format):
    df = read(stem + ".csv", encoding)
    lines, guests, dups = kept_lines(df, customer)
    lines["value"] = [Decimal(q) * Decimal(p) for q, p in zip(lines["Quantity"], lines[price])]
    lines["day"] = pd.to_datetime(lines["InvoiceDate"], format=date_format).dt.strftime("%Y-%m-%d")
    # Runs of consecutive lines with one invoice number.
    run = (lines[invoice] != lines[invoice].shift()).cumsum()
    assert run.nunique() == lines[invoice].nunique(), "an invoice's lines are not together"
    rows, purchases, cancelled = [], 0, 0
    for _, g in lines.groupby(run, sort=True):
        assert g["day"].nunique() == 1, "an invoice spans days"
        who = canonical_id(g[customer].iloc[0])
        value = sum(g["value"], Decimal(0))
        if g[invoice].iloc[0].startswith("C"):
            cancelled += 1
            if value != 0:
                rows.append((who, g["day"].iloc[0], -abs(value)))
        else:
            rows.append((who, g["day"].iloc[0], value))
            purchases += 1 if value >= 0 else 0
    counts = {
        "dataRows": len(df), "kept": len(lines), "noCustomerID": guests, "duplicates": dups,
        "orders": purchases, "cancelledOrders": cancelled, "customers": len({r[0] for r in rows}),
        "net": str(sum((r[2] for r in rows), Decimal(0))),
    }
    write(stem, rows, counts)
    return counts


def shopify(stem):
    df = read(stem + ".csv", "utf-8")
    lines, guests, dups = kept_lines(df, "Email")
    # "2023-01-03 12:30:07 -0500": the shop's local day, as written.
    lines["day"] = lines["Created at"].str.slice(0, 10)
    rows = [(canonical_id(c), d, Decimal(t)) for c, d, t in zip(lines["Email"], lines["day"], lines["Total"])]
    counts = {
        "dataRows": len(df), "kept": len(lines), "noCustomerID": guests, "duplicates": dups,
        "orders": sum(1 for r in rows if r[2] >= 0), "cancelledOrders": 0, "customers": len({r[0] for r in rows}),
        "net": str(sum((r[2] for r in rows), Decimal(0))),
    }
    write(stem, rows, counts)
    return counts


def woocommerce(stem):
    df = read(stem + ".csv", "utf-8")
    lines, guests, dups = kept_lines(df, "Customer User ID")
    lines["who"] = lines["Customer User ID"].map(canonical_id)
    placeholder = lines["who"] == "0"
    lines = lines[~placeholder]
    lines["day"] = pd.to_datetime(lines["Order Date"], format="%Y-%m-%d %H:%M").dt.strftime("%Y-%m-%d")
    rows = [(c, d, Decimal(t)) for c, d, t in zip(lines["who"], lines["day"], lines["Order Total"])]
    counts = {
        "dataRows": len(df), "kept": len(lines), "noCustomerID": guests, "duplicates": dups,
        "orders": sum(1 for r in rows if r[2] >= 0), "cancelledOrders": 0, "customers": len({r[0] for r in rows}),
        "net": str(sum((r[2] for r in rows), Decimal(0))),
        "placeholderOrders": int(placeholder.sum()),
    }
    write(stem, rows, counts)
    return counts


if __name__ == "__main__":
    print(online_retail("online_retail_i", "cp1252", "InvoiceNo", "CustomerID", "UnitPrice", "%m/%d/%Y %H:%M"))
    print(online_retail("online_retail_ii", "utf-8", "Invoice", "Customer ID", "Price", "%Y-%m-%d %H:%M:%S"))
    print(shopify("shopify_orders_export"))
    print(woocommerce("woocommerce_orders"))
