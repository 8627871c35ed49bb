"""Independent computation (pandas, not clv) of what each export fixture should give:
customers with a purchase, purchase orders, net spend, excluded rows and orders per
status, and each customer's frequency / recency / T / monetary_value (days; purchase
days as in lifetimes' freq='D', refund-only days are no purchases). Writes expected.json
and <fixture>.summary.csv. Run: ~/lt/bin/python expected.py (pandas 3.1.1 was used).

The rules are the shops' own, as documented in /work/shared/notes/export-formats.md:
- Online Retail: value = Quantity x UnitPrice, an invoice is an order, invoices starting
  with C are cancellations (netted, not purchases), exact duplicate lines dropped, rows
  without CustomerID are guests (not counted; set aside before duplicates are looked for),
  ids 13085.0 = 13085.
- Shopify: one order per Name, Total / Financial Status / Refunded Amount / Email on the
  first line; paid, partially_paid, partially_refunded and refunded orders count (refunds
  netted), voided / pending / authorized do not; e-mails compared case-insensitively.
- WooCommerce: one row per order; completed, processing and refunded orders count; Order
  Refund netted; customers by Billing Email (case-insensitive).
- Stripe: Paid and Refunded charges count, Failed do not; Converted Amount (account
  currency) net of Converted Amount Refunded; charges without Customer ID are guests
  (set aside before the status rule, like every export's guests).
- German Excel: Betrag with decimal comma; storniert and offen do not count; a Gutschrift
  is a negative row netted against the customer's spend.
"""
import json
import pandas as pd

out = {}


def entries_summary(name, e):
    """e: DataFrame of kept entries with columns customer, day (Timestamp), value, purchase (bool)."""
    obs_end = e["day"].max()
    p = e[e["purchase"]]
    first = p.groupby("customer")["day"].min()
    last = p.groupby("customer")["day"].max()
    days = p.groupby("customer")["day"].nunique()
    daily = e.groupby(["customer", "day"])["value"].sum().reset_index()
    pdays = p[["customer", "day"]].drop_duplicates()
    daily = daily.merge(pdays, on=["customer", "day"])
    daily = daily.merge(first.rename("first").reset_index(), on="customer")
    repeat = daily[daily["day"] > daily["first"]].groupby("customer")["value"].mean()
    s = pd.DataFrame({"frequency": days - 1, "recency": (last - first).dt.days, "T": (obs_end - first).dt.days})
    s["monetary_value"] = repeat.reindex(s.index).fillna(0.0)
    s.loc[s["frequency"] == 0, "monetary_value"] = 0.0
    s.index.name = "customer_id"
    s.sort_index().to_csv(f"{name}.summary.csv", float_format="%.6f")
    return {
        "customers": int(len(s)),
        "orders": int(e["purchase"].sum()),
        "net_spend": round(float(e["value"].sum()), 2),
        "last_day": str(obs_end.date()),
    }


def canonical_id(x):
    """13085.0 -> 13085, 00123 -> 123, Ann@X.com -> ann@x.com (written independently of clv)."""
    x = str(x).strip()
    if x.endswith(".0") and x[:-2].isdigit():
        x = x[:-2]
    if x.isdigit():
        return str(int(x))
    return x.lower() if "@" in x else x


def online_retail(name, order, price, cust, fmt):
    df = pd.read_csv(f"{name}.csv", encoding="iso-8859-1", dtype=str, keep_default_na=False)
    rows = len(df)
    # Rows without a customer are set aside first (each one counted), then exact
    # duplicate lines are dropped among the rest: clv's order of the two checks.
    guest = df[cust].str.strip() == ""
    df = df[~guest].copy()
    dup = df.duplicated()
    df = df[~dup].copy()
    df["value"] = df["Quantity"].astype(float) * df[price].astype(float)
    df["customer"] = df[cust].map(canonical_id)
    df["day"] = pd.to_datetime(df["InvoiceDate"], format=fmt).dt.normalize()
    inv = df.groupby(order).agg(customer=("customer", "first"), day=("day", "first"), value=("value", "sum")).reset_index()
    inv["cancel"] = inv[order].str.startswith("C")
    inv.loc[inv["cancel"], "value"] = -inv.loc[inv["cancel"], "value"].abs()
    inv = inv[~(inv["cancel"] & (inv["value"] == 0))]
    inv["purchase"] = ~inv["cancel"] & (inv["value"] >= 0)
    r = entries_summary(name, inv)
    r.update(rows=rows, duplicates=int(dup.sum()), no_customer_rows=int(guest.sum()),
             cancelled_orders=int(df.groupby(order).first().index.str.startswith("C").sum()),
             cancelled_total=round(float(inv.loc[inv["cancel"], "value"].sum()), 2))
    out[name] = r


def status_export(name, order, cust, date, amount, status, include, refund, fmt=None, money=float, quoting_all=False):
    df = pd.read_csv(f"{name}.csv", dtype=str, keep_default_na=False)
    rows = len(df)
    first = df.groupby(order, sort=False).first().reset_index()  # first non-empty value per column
    lines = df.groupby(order, sort=False).size()
    first["lines"] = first[order].map(lines)
    # A guest's order (no customer id) is set aside first, whatever its status: it is
    # counted once, as a guest's (clv since #11), never also as excluded by status.
    guest = first[cust].str.strip() == ""
    keep = first[status].str.strip().str.lower().isin([s.lower() for s in include])
    excluded = first[~keep & ~guest]
    by_status = excluded.groupby(excluded[status])
    exclusions = {k: {"rows": int(g["lines"].sum()), "orders": int(len(g))} for k, g in by_status}
    o = first[keep & ~guest].copy()
    o["customer"] = o[cust].map(canonical_id)
    o["day"] = pd.to_datetime(o[date].str[:10] if fmt is None else o[date], format=fmt or "%Y-%m-%d").dt.normalize()
    o["value"] = o[amount].map(money)
    o["refund"] = o[refund].map(lambda x: abs(money(x)) if x.strip() else 0.0)
    purchases = o[["customer", "day", "value"]].assign(purchase=True)
    refunds = o[o["refund"] > 0][["customer", "day"]].assign(value=-o.loc[o["refund"] > 0, "refund"], purchase=False)
    e = pd.concat([purchases, refunds], ignore_index=True)
    r = entries_summary(name, e)
    r.update(rows=rows, excluded=exclusions, no_customer_orders=int(guest.sum()),
             refunded_orders=int((o["refund"] > 0).sum()), refund_total=round(-float(o["refund"].sum()), 2))
    out[name] = r


online_retail("online_retail", "InvoiceNo", "UnitPrice", "CustomerID", "%m/%d/%Y %H:%M")
online_retail("online_retail_ii", "Invoice", "Price", "Customer ID", "%Y-%m-%d %H:%M:%S")
status_export("shopify_orders_export", "Name", "Email", "Created at", "Total", "Financial Status",
              ["paid", "partially_paid", "partially_refunded", "refunded"], "Refunded Amount")
status_export("woocommerce_orders", "Order ID", "Billing Email", "Order Date", "Order Total", "Order Status",
              ["completed", "processing", "refunded"], "Order Refund")
# The same WooCommerce export keyed by Customer User ID: guests are all 0, a placeholder.
woo = pd.read_csv("woocommerce_orders.csv", dtype=str, keep_default_na=False)
wk = woo[woo["Order Status"].isin(["completed", "processing", "refunded"])]
registered = wk[wk["Customer User ID"] != "0"]
out["woocommerce_by_user"] = {
    "customers": int(registered["Customer User ID"].nunique()), "orders": int(len(registered)),
    "net_spend": round(float(registered["Order Total"].astype(float).sum() - registered["Order Refund"].astype(float).sum()), 2),
    "placeholder_orders": int((wk["Customer User ID"] == "0").sum())}

status_export("stripe_payments", "id", "Customer ID", "Created (UTC)", "Converted Amount", "Status",
              ["Paid", "Refunded"], "Converted Amount Refunded", money=lambda x: float(x.replace(",", "")))


def german_money(x):
    return float(x.replace(".", "").replace(",", "."))


# German Excel: one row per order (a Gutschrift has its own number), statuses storniert and offen excluded.
g = pd.read_csv("german_orders.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
gkeep = ~g["Status"].isin(["storniert", "offen"])
ge = g[gkeep].copy()
ge["customer"] = ge["Kundennummer"]
ge["day"] = pd.to_datetime(ge["Bestelldatum"], format="%d.%m.%Y")
ge["value"] = ge["Betrag"].map(german_money)
ge["purchase"] = ge["value"] >= 0
r = entries_summary("german_orders", ge[["customer", "day", "value", "purchase"]])
r.update(rows=len(g), excluded={k: {"rows": int(v), "orders": int(v)} for k, v in g[~gkeep]["Status"].value_counts().items()})
out["german_orders"] = r

# CRM next to Online Retail: how many CRM ids are transaction customers once both are canonical.
crm = pd.read_csv("crm_customers.csv", dtype=str, keep_default_na=False)
tx = pd.read_csv("online_retail.summary.csv", dtype=str)
crm_ids = set(crm["CustomerID"].map(canonical_id))
out["crm_customers"] = {"profiles": len(crm_ids), "matched": len(crm_ids & set(tx["customer_id"]))}

json.dump(out, open("expected.json", "w"), indent=1, sort_keys=True)
print(json.dumps(out, indent=1, sort_keys=True))
