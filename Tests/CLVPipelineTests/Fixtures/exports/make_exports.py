"""Writes the platform-shaped export fixtures (a few hundred rows each) in the exact
column names and value formats of /work/shared/notes/export-formats.md, with the cases
that made clv count wrong: line items, order-level fields on the first line only,
cancellations, refunds, statuses, guests, placeholder ids, mixed currencies, float ids.
Deterministic (seeded); run with any Python 3: python3 make_exports.py
"""
import csv, io, random

R = random.Random(20231)


def write(name, header, rows, encoding="utf-8", delimiter=",", newline="\n", bom=False, quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    open(name, "wb").write(data)


def month_and_day(day):
    """Day `day` (0-based) of 2023 as (month - 1, day of month - 1)."""
    month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    m, d = 0, day
    while d >= month_days[m]:
        d -= month_days[m]
        m += 1
    return m, d


def cents(x):
    return f"{x / 100:.2f}"


# --- UCI Online Retail (I): line items, C-cancellations, guests, float ids ------------------
PRODUCTS = [("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 255), ("71053", "WHITE METAL LANTERN", 339),
            ("84406B", "CREAM CUPID HEARTS COAT HANGER", 275), ("22633", "HAND WARMER UNION JACK", 185),
            ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 425), ("22752", "SET 7 BABUSHKA NESTING BOXES", 765),
            ("84029G", "KNITTED UNION FLAG HOT WATER BOTTLE", 339), ("22960", "JAM MAKING SET WITH JARS", 425),
            ("21754", "HOME BUILDING BLOCK WORD", 595), ("22383", "LUNCH BAG SUKI DESIGN", 165),
            ("22728", "ALARM CLOCK BAKELIKE PINK", 375), ("21080", "SET/20 RED RETROSPOT PAPER NAPKINS", 85),
            ("90210A", "CAF\u00c9 CR\u00c8ME CANDLE", 125)]


def online_retail(path, variant):
    customers = [str(12340 + 7 * i) for i in range(40)]
    rows = []
    invoice = 536365
    day = 0
    def stamp(day, hour, minute):
        month, dom = 12 + (day // 28), 1 + day % 28
        year = 2010 + (month - 1) // 12
        month = (month - 1) % 12 + 1
        if variant == "I":
            return f"{month}/{dom}/{year} {hour}:{minute:02d}"
        return f"{year}-{month:02d}-{dom:02d} {hour:02d}:{minute:02d}:00"
    for k in range(70):
        day += R.randint(1, 5)
        hour, minute = R.randint(8, 16), R.randint(0, 59)
        when = stamp(day, hour, minute)
        guest = R.random() < 0.22
        cust = "" if guest else R.choice(customers)
        cid = cust + ".0" if (cust and variant == "I") else cust
        inv = str(invoice)
        invoice += 1
        lines = []
        for _ in range(R.randint(1, 7)):
            code, desc, price = R.choice(PRODUCTS)
            lines.append((inv, code, desc, R.choice([1, 2, 3, 4, 6, 12, 24]), when, cents(price), cid, "United Kingdom"))
        if R.random() < 0.15:
            lines.append((inv, "POST", "POSTAGE", 1, when, "18.00", cid, "United Kingdom"))
        if R.random() < 0.08:
            code, desc, _ = R.choice(PRODUCTS)
            lines.append((inv, code, desc, 2, when, "0.00", cid, "United Kingdom"))
        rows += lines
        if R.random() < 0.1:
            rows.append(lines[0])  # an exact duplicate line, as in the real data set
        if cust and R.random() < 0.18:
            # A cancellation of one line, some days later, under a C invoice number.
            c_inv = "C" + str(invoice)
            invoice += 1
            src = R.choice(lines)
            cwhen = stamp(day + R.randint(0, 3), hour + 1, minute)
            rows.append((c_inv, src[1], src[2], -src[3], cwhen, src[5], cid, "United Kingdom"))
    # Fees and adjustments without a customer (as in the real file).
    rows.append((str(invoice), "BANK CHARGES", "Bank Charges", 1, rows[-1][4], "15.00", "", "United Kingdom"))
    rows.append(("C" + str(invoice + 1), "AMAZONFEE", "AMAZON FEE", -1, rows[-1][4], "235.60", "", "United Kingdom"))
    if variant == "I":
        header = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
    else:
        header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]
    write(path, header, rows, encoding="iso-8859-1")


# --- Shopify orders_export.csv: line items, order-level fields on the first line only ----------
def shopify(path):
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
              "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
              "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
              "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing City", "Billing Country",
              "Notes", "Payment Method", "Refunded Amount", "Vendor", "Id", "Tags", "Risk Level", "Source",
              "Cancelled at"]
    people = ["ann.lee", "bob.stone", "cara.diaz", "dan.wu", "eve.moss", "finn.hart", "gia.lopez", "hal.park",
              "ivy.chen", "jon.reed", "kim.nash", "leo.ford", "mia.kent", "ned.cole", "ola.berg", "pat.quinn",
              "quy.tran", "rae.shaw", "sam.holt", "tia.ross", "uma.bell", "vic.lane", "wes.dunn", "xia.hu",
              "yan.li", "zoe.kirk"]
    items = [("Organic Green Tea", 1250, "TEA-GRN"), ("Ceramic Mug", 1800, "MUG-01"), ("Tea Infuser", 900, "INF-02"),
             ("Matcha Tin 100g", 2400, "MAT-100"), ("Gift Card", 5000, "GC-50"), ("Honey Jar", 1100, "HNY-1")]
    statuses = ["paid"] * 14 + ["partially_refunded"] * 2 + ["refunded"] * 2 + ["voided", "pending", "authorized",
                                                                              "partially_paid"]
    rows = []
    number = 1001
    for k in range(130):
        person = R.choice(people)
        email = R.choice([person + "@example.com", person.capitalize() + "@Example.com", person.upper() + "@EXAMPLE.COM"])
        status = R.choice(statuses)
        day = R.randint(0, 360)
        m, d = month_and_day(day)
        created = f"2023-{m + 1:02d}-{d + 1:02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d} -0500"
        lines = [(R.choice(items), R.randint(1, 3)) for _ in range(R.randint(1, 4))]
        subtotal = sum(p * q for (_, p, _), q in lines)
        shipping = R.choice([0, 500, 795])
        taxes = round(subtotal * 0.08)
        discount = R.choice([0, 0, 0, 500])
        total = subtotal + shipping + taxes - discount
        refunded = 0
        if status == "refunded":
            refunded = total
        elif status == "partially_refunded":
            refunded = R.choice([500, 1250, total // 2])
        paid_at = created if status in ("paid", "partially_refunded", "refunded", "partially_paid") else ""
        cancelled = created if status == "voided" else ""
        for j, ((name, price, sku), q) in enumerate(lines):
            if j == 0:
                rows.append([f"#{number}", email, status, paid_at, "fulfilled", paid_at, "no", "USD", cents(subtotal),
                             cents(shipping), cents(taxes), cents(total), "WELCOME5" if discount else "",
                             cents(discount), "Standard", created, q, name, cents(price), "", sku, "true", "true",
                             "fulfilled", person.title(), "Portland", "US", "", "Shopify Payments",
                             cents(refunded), "Tea Co", str(5000000000 + number), "", "Low", "web", cancelled])
            else:
                rows.append([f"#{number}", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", q, name,
                             cents(price), "", sku, "true", "true", "fulfilled", "", "", "", "", "", "", "Tea Co", "",
                             "", "", "", ""])
        number += 1
    write(path, header, rows)


# --- WooCommerce order export: one row per order, guests are 0 --------------------------------
def woocommerce(path):
    header = ["Order ID", "Order Date", "Order Status", "Customer User ID", "Billing First Name", "Billing Last Name",
              "Billing Email", "Billing Country", "Order Currency", "Order Subtotal", "Order Shipping",
              "Order Total", "Order Refund", "Payment Method", "Shipping Method"]
    registered = [(100 + i, f"member{i}@shop.test") for i in range(30)]
    guests = [f"guest{i}@mail.test" for i in range(60)]
    statuses = ["completed"] * 10 + ["processing"] * 2 + ["on-hold", "pending", "cancelled", "refunded", "failed"]
    rows = []
    for k in range(320):
        if R.random() < 0.5:
            uid, email = R.choice(registered)
        else:
            uid, email = 0, R.choice(guests)
        status = R.choice(statuses)
        day = R.randint(0, 364)
        m, d = month_and_day(day)
        when = f"2023-{m + 1:02d}-{d + 1:02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}"
        subtotal = R.randint(1500, 18000)
        shipping = R.choice([0, 490])
        total = subtotal + shipping
        refund = total if status == "refunded" else (R.choice([0, 0, 0, 0, 1000]) if status == "completed" else 0)
        rows.append([str(2000 + k), when, status, str(uid), email.split("@")[0].title(), "Doe",
                     email if R.random() < 0.8 else email.upper(), "DE", "EUR", cents(subtotal), cents(shipping),
                     cents(total), cents(refund), R.choice(["paypal", "stripe", "bacs"]), "flat_rate"])
    write(path, header, rows, quoting=csv.QUOTE_ALL)


# --- Stripe payments export: thousands separators, several currencies, statuses ---------------
def stripe(path):
    header = ["id", "Description", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Converted Amount",
              "Converted Amount Refunded", "Fee", "Converted Currency", "Status", "Seller Message", "Captured",
              "Card Brand", "Customer ID", "Customer Email"]
    rate = {"usd": 1.0, "eur": 1.08, "gbp": 1.27}
    customers = [(f"cus_{R.getrandbits(40):010x}", f"buyer{i}@corp.test") for i in range(45)]
    rows = []
    for k in range(300):
        cur = R.choice(["usd"] * 6 + ["eur"] * 3 + ["gbp"])
        amount = R.choice([R.randint(900, 9000), R.randint(9000, 60000), R.randint(100000, 450000)])
        converted = round(amount * rate[cur])
        status = R.choice(["Paid"] * 8 + ["Failed", "Refunded"])
        refunded = amount if status == "Refunded" else (amount // 4 if status == "Paid" and R.random() < 0.1 else 0)
        conv_refunded = round(refunded * rate[cur])
        cust, email = R.choice(customers) if R.random() < 0.85 else ("", f"guest{k}@mail.test")
        day = R.randint(0, 364)
        m, d = month_and_day(day)
        when = f"2023-{m + 1:02d}-{d + 1:02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"

        def money(c):
            return f"{c // 100:,}.{c % 100:02d}"
        rows.append([("ch_" if k % 3 else "py_") + f"{R.getrandbits(64):016x}", f"Order {7000 + k}", when,
                     money(amount), money(refunded), cur, money(converted), money(conv_refunded),
                     money(round(converted * 0.029) + 30), "usd", status,
                     "Payment complete." if status != "Failed" else "The bank declined the payment.",
                     "true" if status != "Failed" else "false", R.choice(["Visa", "MasterCard", "Amex"]), cust, email])
    write(path, header, rows)


# --- German Excel "CSV (semicolon delimited)": ; , decimal comma, dd.mm.yyyy, BOM, CRLF ---------
def german(path):
    header = ["Bestellnummer", "Kundennummer", "Bestelldatum", "Betrag", "Status", "Zahlungsart"]
    rows = []
    for k in range(260):
        kunde = f"K{1000 + R.randint(0, 49)}"
        day, month = R.randint(1, 28), R.randint(1, 12)
        status = R.choice(["bezahlt"] * 8 + ["storniert", "offen"])
        cents_ = R.choice([R.randint(500, 9999), R.randint(10000, 250000)])
        euros = f"{cents_ // 100:,}".replace(",", ".") + "," + f"{cents_ % 100:02d}"
        rows.append([f"B-{50000 + k}", kunde, f"{day:02d}.{month:02d}.2023", euros, status, "Rechnung"])
        if status == "bezahlt" and R.random() < 0.08:
            cr = cents_ // 2
            credit = "-" + f"{cr // 100:,}".replace(",", ".") + "," + f"{cr % 100:02d}"
            rows.append([f"G-{50000 + k}", kunde, f"{min(day + 3, 28):02d}.{month:02d}.2023", credit, "Gutschrift",
                         "Rechnung"])
    write(path, header, rows, delimiter=";", newline="\r\n", bom=True)


# --- CRM customer table next to Online Retail orders (ids 13085 vs 13085.0) --------------------
def crm(path, orders_path):
    ids = sorted({row[6] for row in csv.reader(open(orders_path, encoding="iso-8859-1")) if row[6] and row[6] != "CustomerID"})
    rows = []
    for i, cid in enumerate(ids):
        rows.append([cid[:-2] if cid.endswith(".0") else cid, f"{R.randint(1, 28):02d}/{R.randint(1, 12):02d}/2009",
                     R.choice(["Yes", "No"]), R.choice(["", str(R.randint(1950, 2000))]), R.choice(["UK", "EIRE", "France"])])
    rows.append(["99999", "01/02/2009", "No", "", "UK"])  # a CRM customer who never ordered
    write(path, ["CustomerID", "SignupDate", "Newsletter", "BirthYear", "Country"], rows)


def projection(path, source):
    """Online Retail cut to the four columns a CLV tutorial keeps (amount = Quantity x UnitPrice)."""
    rows = []
    for r in list(csv.reader(open(source, encoding="iso-8859-1")))[1:]:
        rows.append([r[0], r[6], r[4], f"{int(r[3]) * round(float(r[5]) * 100) / 100:.2f}"])
    write(path, ["InvoiceNo", "CustomerID", "InvoiceDate", "amount"], rows)


online_retail("online_retail.csv", "I")
online_retail("online_retail_ii.csv", "II")
shopify("shopify_orders_export.csv")
woocommerce("woocommerce_orders.csv")
stripe("stripe_payments.csv")
german("german_orders.csv")
crm("crm_customers.csv", "online_retail.csv")
projection("online_retail_cut.csv", "online_retail.csv")
