/* fit_read: reads the seller back end's exports for `promocap fit`: orders,
 * refunds and the agents' work log, in UTF-8 or GBK (glibc iconv), through
 * libcsv, streamed in blocks (a file is never held whole).  Bad values are
 * "file:line: message"; messy rows (duplicates, missing times, orders
 * outside the window, ...) are counted in pc_fit_counts, never silently
 * dropped. */
#include "promocap/fit.h"
#include "promocap/memory.h"

#include <errno.h>
#include <iconv.h>
#include <ini.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "promocap/scenario.h"
#include "table.h"

#define MAXF 64

/* ---- columns and their names ---- */

static const char *const col_key[PC_FC_NCOLS] = {
	"order_id", "paid", "amount", "dispatch", "delivered", "confirm",
	"refund_id", "order_id", "requested", "type", "stage", "goods", "reason", "amount", "status", "ended",
	"closed_reason", "escalated", "rejected", "auto", "shipped", "warehouse", "responsible",
	"agent", "case", "start", "end", "task", "resource"
};

/* Built-in header names, '|' between aliases. */
static const char *const col_names[PC_FC_NCOLS] = {
	"订单编号|订单号", "订单付款时间|付款时间", "买家实际支付金额|实付金额", "发货时间", "签收时间",
	"确认收货时间",
	"退款编号|退款单号", "订单编号|订单号", "申请退款时间|退款申请时间", "退款类型", "退款阶段",
	"货物状态", "退款原因", "退款金额|买家退款金额", "退款状态", "退款完结时间|退款完成时间",
	"退款关闭原因", "小二介入|是否小二介入", "卖家拒绝", "超时自动同意", "买家退货时间",
	"卖家收货时间", "卖家责任|判定卖家责任",
	"agent|客服", "case|退款编号", "start|开始时间", "end|结束时间", "task|任务", "岗位|resource"
};

enum { FILE_ORDERS, FILE_REFUNDS, FILE_WORK };
static const pc_fit_col file_first[3] = { PC_FC_ORDER_ID, PC_FC_REFUND_ID, PC_FC_AGENT };
static const pc_fit_col file_end[3] = { PC_FC_REFUND_ID, PC_FC_AGENT, PC_FC_NCOLS };
static const char *const section[3] = { "orders", "refunds", "work" };

static int required(pc_fit_col c)
{
	switch (c) {
	case PC_FC_ORDER_ID: case PC_FC_PAID: case PC_FC_ORDER_AMOUNT:
	case PC_FC_REFUND_ID: case PC_FC_REFUND_ORDER: case PC_FC_REQUESTED: case PC_FC_TYPE:
	case PC_FC_REFUND_AMOUNT: case PC_FC_STATUS: case PC_FC_ENDED:
	case PC_FC_AGENT: case PC_FC_CASE: case PC_FC_START: case PC_FC_END:
		return 1;
	default:
		return 0;
	}
}

const char *pc_fit_col_key(pc_fit_col c)
{
	return col_key[c];
}

typedef struct map_ctx {
	pc_fit_map *map;
	const char *path;
	pc_error *err;
} map_ctx;

static int on_map(void *user, const char *sec, const char *key, const char *value)
{
	map_ctx *m = user;
	int f;

	for (f = 0; f < 3 && strcmp(sec, section[f]); f++)
		;
	if (f == 3) {
		pc_error_set(m->err, m->path, 0, "unknown section [%s] (orders, refunds or work)", sec);
		return 0;
	}
	for (int c = file_first[f]; c < (int)file_end[f]; c++)
		if (!strcmp(key, col_key[c])) {
			if (strlen(value) >= sizeof m->map->name[c] || !*value) {
				pc_error_set(m->err, m->path, 0, "[%s] %s: a header name of 1 to 127 bytes, got '%s'",
					     sec, key, value);
				return 0;
			}
			strcpy(m->map->name[c], value);
			return 1;
		}
	pc_error_set(m->err, m->path, 0, "[%s] has no column role '%s'", sec, key);
	return 0;
}

int pc_fit_map_read(pc_fit_map *map, const char *path, pc_error *err)
{
	map_ctx m = { map, path, err };
	double bytes;
	int rc, why;
	/* Not fopen: a named pipe would block in open() until a writer
	 * came. */
	FILE *f = pc_file_open(path, &bytes, &why);

	memset(map, 0, sizeof *map);
	if (!f) {
		pc_error_set(err, path, 0, "cannot open the mapping file: %s", pc_file_why(why));
		return why > 0 ? PC_EIO : PC_EINPUT;
	}
	rc = ini_parse_file(f, on_map, &m);
	fclose(f);
	if (rc) {
		if (err && err->file[0] && err->line == 0)
			err->line = rc;
		else
			pc_error_set(err, path, rc, "not a mapping file line (KEY = header name)");
		return PC_EINPUT;
	}
	return 0;
}

/* ---- small parsers ---- */

/* A 64-bit hash of n bytes, eight at a time (rows of hundreds of bytes are
 * hashed whole to find duplicates). */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w ^ (uint64_t)n << 56) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 32;
}

#define HASH0 0xcbf29ce484222325ULL

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, int k, int *v)
{
	int x = 0;

	if ((size_t)k > n)
		return -1;
	for (int i = 0; i < k; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

/* "YYYY-MM-DD HH:MM[:SS]" (or with '/'; or "YYYY-MM-DD" alone) as
 * seconds since 1970; NaN for an empty cell; -1 with *bad for junk. */
static double parse_time(const char *s, size_t n, int *bad)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	*bad = 0;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return NAN;
	if (digits(s, n, 4, &y) || n < 10 || (s[4] != '-' && s[4] != '/') || s[7] != s[4] ||
	    digits(s + 5, n - 5, 2, &mo) || digits(s + 8, n - 8, 2, &d))
		goto junk;
	if (n > 10) {
		if (n < 16 || (s[10] != ' ' && s[10] != 'T') || digits(s + 11, n - 11, 2, &h) || s[13] != ':' ||
		    digits(s + 14, n - 14, 2, &mi))
			goto junk;
		if (n > 16 && (n != 19 || s[16] != ':' || digits(s + 17, 2, 2, &se)))
			goto junk;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
		goto junk;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		goto junk;
	return (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 + h * 3600 + mi * 60 + se;
junk:
	*bad = 1;
	return -1;
}

/* A money amount: digits with an optional '.', a leading ¥ or ￥ and
 * thousands commas allowed.  -1 for junk or empty. */
static double parse_money(const char *s, size_t n)
{
	char buf[64];
	size_t k = 0;
	char *end;
	double v;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (n >= 2 && !memcmp(s, "\xc2\xa5", 2)) { /* ¥ */
		s += 2;
		n -= 2;
	} else if (n >= 3 && !memcmp(s, "\xef\xbf\xa5", 3)) { /* ￥ */
		s += 3;
		n -= 3;
	}
	for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
		if (s[i] != ',')
			buf[k++] = s[i];
	while (k && buf[k - 1] == ' ')
		k--;
	buf[k] = '\0';
	if (!k || !((buf[0] >= '0' && buf[0] <= '9') || buf[0] == '.'))
		return -1;
	v = strtod(buf, &end);
	if (*end || !isfinite(v) || v < 0)
		return -1;
	return v;
}

static int is(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);

	while (n && (*s == ' ')) {
		s++;
		n--;
	}
	while (n && s[n - 1] == ' ')
		n--;
	return n == m && !memcmp(s, lit, m);
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* ---- id tables: open addressing on 64-bit hashes of the ids ---- */

/* One slot: key and value side by side, one cache miss per probe. */
typedef struct slot {
	uint64_t key;    /* 0: empty (a hash of 0 is stored as 1) */
	int32_t val;
} slot;

typedef struct idtab {
	slot *s;
	size_t cap, n;
} idtab;

/* The FNV hash's low bits, which pick the slot, mixed with its high ones. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ULL;
	h ^= h >> 27;
	return h;
}

/* The smallest table: a small export (or an agents table) stays small;
 * a large one is reserved from its row count. */
#define IDTAB_MIN 64

static int idtab_resize(idtab *t, size_t cap)
{
	slot *s = malloc(cap * sizeof *s);

	if (!s)
		return -1;
	pc_memory_huge_pages(s, cap * sizeof *s);
	memset(s, 0, cap * sizeof *s);
	for (size_t i = 0; i < t->cap; i++)
		if (t->s[i].key) {
			size_t j = mix(t->s[i].key) & (cap - 1);
			while (s[j].key)
				j = (j + 1) & (cap - 1);
			s[j] = t->s[i];
		}
	free(t->s);
	t->s = s;
	t->cap = cap;
	return 0;
}

/* Room for about n ids without growing (a hint from the file's size). */
static int idtab_reserve(idtab *t, size_t n)
{
	size_t cap = IDTAB_MIN;

	while (cap / 10 * 7 < n)
		cap *= 2;
	return cap > t->cap ? idtab_resize(t, cap) : 0;
}

/* The slot of key h: its value, or -1 when absent (then set to val when
 * val >= 0).  -2: out of memory. */
static int32_t idtab_get(idtab *t, uint64_t h, int32_t val)
{
	size_t j;

	if (!h)
		h = 1;
	if ((t->n + 1) * 10 > t->cap * 7 && idtab_resize(t, t->cap ? t->cap * 2 : IDTAB_MIN))
		return -2;
	for (j = mix(h) & (t->cap - 1); t->s[j].key; j = (j + 1) & (t->cap - 1))
		if (t->s[j].key == h)
			return t->s[j].val;
	if (val >= 0) {
		t->s[j].key = h;
		t->s[j].val = val;
		t->n++;
	}
	return -1;
}

/* The value of key h, or -1 (never grows the table). */
static int32_t idtab_find(const idtab *t, uint64_t h)
{
	if (!t->cap)
		return -1;
	if (!h)
		h = 1;
	for (size_t j = mix(h) & (t->cap - 1); t->s[j].key; j = (j + 1) & (t->cap - 1))
		if (t->s[j].key == h)
			return t->s[j].val;
	return -1;
}

static void prefetch_slot(const idtab *t, uint64_t h)
{
	__builtin_prefetch(&t->s[mix(h ? h : 1) & (t->cap - 1)]);
}

static void idtab_free(idtab *t)
{
	free(t->s);
	t->s = NULL;
	t->cap = t->n = 0;
}

/* ---- the streaming CSV reader ---- */

typedef struct reader {
	const char *path;
	int file;                /* FILE_* */
	int line;                /* of the current row's end */
	int header_done;
	int col[PC_FC_NCOLS];    /* field index of each role, -1: absent */
	int nheader;
	/* the row being read */
	char *buf;
	size_t len, cap;
	size_t off[MAXF + 1];
	int nf;
	int overflow;
	pc_error *err;
	int rc;
	const pc_fit_map *map;
	pc_fit_data *d;
	/* Per record, in file order: the hash of its id (a work row's id is
	 * the whole row), of the whole row, and of the id it refers to (a
	 * refund's order, a task's case).  The ids are matched after the file
	 * is read, a batch at a time with the table's slots prefetched: a
	 * lookup per row as it is parsed waits for memory each time. */
	uint64_t *idh, *rowh, *joinh;
	size_t cap_side;
	idtab agents;
	size_t cap_orders, cap_refunds, cap_tasks;
	double tmin, tmax;
} reader;

static void on_field(void *s, size_t n, void *user)
{
	reader *r = user;

	if (r->nf >= MAXF) {
		r->overflow = 1;
		return;
	}
	if (r->len + n + 1 > r->cap) {
		size_t c = (r->len + n + 1) * 2;
		char *q = realloc(r->buf, c);
		if (!q) {
			r->rc = PC_ENOMEM;
			return;
		}
		r->buf = q;
		r->cap = c;
	}
	memcpy(r->buf + r->len, s, n);
	r->off[r->nf++] = r->len;
	r->len += n;
	r->buf[r->len++] = '\0';
	r->off[r->nf] = r->len;
}

/* Field of role c in the current row: text and length (empty if absent). */
static const char *fld(const reader *r, pc_fit_col c, size_t *n)
{
	int i = r->col[c];

	if (i < 0 || i >= r->nf) {
		*n = 0;
		return "";
	}
	*n = r->off[i + 1] - r->off[i] - 1;
	return r->buf + r->off[i];
}

static int name_matches(const char *names, const char *h, size_t n)
{
	const char *p = names;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t m = bar ? (size_t)(bar - p) : strlen(p);
		if (m == n && !memcmp(p, h, n))
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static void header(reader *r)
{
	int f = r->file;

	for (int c = 0; c < PC_FC_NCOLS; c++)
		r->col[c] = -1;
	r->nheader = r->nf;
	for (int i = 0; i < r->nf; i++) {
		const char *h = r->buf + r->off[i];
		size_t n = r->off[i + 1] - r->off[i] - 1;
		if (i == 0 && n >= 3 && !memcmp(h, "\xef\xbb\xbf", 3)) {
			h += 3;
			n -= 3;
		}
		while (n && *h == ' ') {
			h++;
			n--;
		}
		while (n && h[n - 1] == ' ')
			n--;
		for (int c = file_first[f]; c < (int)file_end[f]; c++) {
			const char *names = r->map && r->map->name[c][0] ? r->map->name[c] : col_names[c];
			if (r->col[c] < 0 && name_matches(names, h, n)) {
				r->col[c] = i;
				break;
			}
		}
	}
	for (int c = file_first[f]; c < (int)file_end[f]; c++)
		if (r->col[c] < 0 && required(c)) {
			const char *names = r->map && r->map->name[c][0] ? r->map->name[c] : col_names[c];
			char first[128];
			size_t m = strcspn(names, "|");
			snprintf(first, sizeof first, "%.*s", (int)m, names);
			pc_error_set(r->err, r->path, r->line,
				     "no column '%s' in the header (name the %s file's header for '%s' in a --map file, section [%s])",
				     first, section[f], col_key[c], section[f]);
			r->rc = PC_EINPUT;
			return;
		}
}

/* The first capacity of the per-record arrays, which then double: a small
 * export stays small, a large one pays a few more reallocs. */
#define ROWS0 1024

static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
	void *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : ROWS0;
	if (!(q = realloc(*p, c * sz)))
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static uint64_t row_hash(const reader *r)
{
	return hash_bytes(r->buf, r->len, HASH0);
}

static void note_time(reader *r, double t)
{
	if (isnan(t))
		return;
	if (t < r->tmin)
		r->tmin = t;
	if (t > r->tmax)
		r->tmax = t;
}

/* A time cell of role c: NaN when empty; an error for junk. */
static double cell_time(reader *r, pc_fit_col c)
{
	size_t n;
	const char *s = fld(r, c, &n);
	int bad;
	double t = parse_time(s, n, &bad);

	if (bad) {
		pc_error_set(r->err, r->path, r->line,
			     "'%s' (%s) is not a time YYYY-MM-DD HH:MM:SS, got '%.60s'",
			     r->map && r->map->name[c][0] ? r->map->name[c] : col_key[c], col_key[c], s);
		r->rc = PC_EINPUT;
		return NAN;
	}
	note_time(r, t);
	return t;
}

static double cell_money(reader *r, pc_fit_col c)
{
	size_t n;
	const char *s = fld(r, c, &n);
	double v = parse_money(s, n);

	if (v < 0) {
		pc_error_set(r->err, r->path, r->line, "'%s' must be an amount in CNY, got '%.60s'", col_key[c], s);
		r->rc = PC_EINPUT;
	}
	return v;
}

/* 是 / 否 (or empty: 否). */
static int cell_yes(reader *r, pc_fit_col c)
{
	size_t n;
	const char *s = fld(r, c, &n);

	if (blank(s, n) || is(s, n, "否") || is(s, n, "no") || is(s, n, "0"))
		return 0;
	if (is(s, n, "是") || is(s, n, "yes") || is(s, n, "1"))
		return 1;
	pc_error_set(r->err, r->path, r->line, "'%s' must be 是 or 否, got '%.60s'", col_key[c], s);
	r->rc = PC_EINPUT;
	return 0;
}

/* The hash of the id cell of role c; an error (-1) when empty. */
static int id_hash(reader *r, pc_fit_col c, uint64_t *h)
{
	size_t n;
	const char *s = fld(r, c, &n);

	if (blank(s, n)) {
		pc_error_set(r->err, r->path, r->line, "empty '%s'", col_key[c]);
		r->rc = PC_EINPUT;
		return -1;
	}
	*h = hash_bytes(s, n, HASH0);
	return 0;
}

/* Keeps record i's hashes.  0, or -1 when out of memory. */
static int side(reader *r, size_t i, uint64_t idh, uint64_t joinh)
{
	if (i >= r->cap_side) {
		size_t c = r->cap_side ? r->cap_side * 2 : ROWS0;
		uint64_t *a = realloc(r->idh, c * sizeof *a), *b, *j;
		if (a)
			r->idh = a;
		b = a ? realloc(r->rowh, c * sizeof *b) : NULL;
		if (b)
			r->rowh = b;
		j = b ? realloc(r->joinh, c * sizeof *j) : NULL;
		if (j)
			r->joinh = j;
		if (!j)
			return -1;
		r->cap_side = c;
	}
	r->idh[i] = idh;
	r->rowh[i] = row_hash(r);
	r->joinh[i] = joinh;
	return 0;
}

static void side_free(reader *r)
{
	free(r->idh);
	free(r->rowh);
	free(r->joinh);
	r->idh = r->rowh = r->joinh = NULL;
	r->cap_side = 0;
}

static void order_row(reader *r)
{
	pc_fit_data *d = r->d;
	pc_fit_order o;
	uint64_t h;

	if (id_hash(r, PC_FC_ORDER_ID, &h))
		return;
	d->n.order_rows++;
	o.paid = cell_time(r, PC_FC_PAID);
	o.amount = cell_money(r, PC_FC_ORDER_AMOUNT);
	o.dispatch = cell_time(r, PC_FC_DISPATCH);
	o.delivered = cell_time(r, PC_FC_DELIVERED);
	o.confirm = cell_time(r, PC_FC_CONFIRM);
	o.line = r->line;
	if (r->rc)
		return;
	if (grow((void **)&d->order, &r->cap_orders, d->norders, sizeof o) || side(r, d->norders, h, 0)) {
		r->rc = PC_ENOMEM;
		return;
	}
	d->order[d->norders++] = o;
}

static void refund_row(reader *r)
{
	pc_fit_data *d = r->d;
	pc_fit_refund x;
	uint64_t h;
	size_t n;
	const char *s;
	uint64_t oh;

	if (id_hash(r, PC_FC_REFUND_ID, &h))
		return;
	d->n.refund_rows++;
	memset(&x, 0, sizeof x);
	s = fld(r, PC_FC_REFUND_ORDER, &n);
	oh = hash_bytes(s, n, HASH0);
	x.order = -1;
	x.t = cell_time(r, PC_FC_REQUESTED);
	x.end = cell_time(r, PC_FC_ENDED);
	x.shipped = cell_time(r, PC_FC_SHIPPED);
	x.warehouse = cell_time(r, PC_FC_WAREHOUSE);
	x.amount = cell_money(r, PC_FC_REFUND_AMOUNT);
	x.line = r->line;
	if (r->rc)
		return;
	s = fld(r, PC_FC_TYPE, &n);
	if (is(s, n, "仅退款"))
		x.type = 0;
	else if (is(s, n, "退货退款"))
		x.type = 1;
	else {
		pc_error_set(r->err, r->path, r->line, "'type' (退款类型) must be 仅退款 or 退货退款, got '%.60s'", s);
		r->rc = PC_EINPUT;
		return;
	}
	s = fld(r, PC_FC_STAGE, &n);
	if (is(s, n, "售后"))
		x.after = 1;
	else if (!blank(s, n) && !is(s, n, "售中")) {
		pc_error_set(r->err, r->path, r->line, "'stage' (退款阶段) must be 售中 or 售后, got '%.60s'", s);
		r->rc = PC_EINPUT;
		return;
	}
	s = fld(r, PC_FC_GOODS, &n);
	if (is(s, n, "未发货"))
		x.goods = PC_FG_UNSHIPPED;
	else if (is(s, n, "已发货未收货"))
		x.goods = PC_FG_IN_TRANSIT;
	else if (is(s, n, "已收货") || is(s, n, "买家已收到货"))
		x.goods = PC_FG_RECEIVED;
	else if (blank(s, n) || is(s, n, "买家未收到货"))
		x.goods = PC_FG_UNKNOWN; /* from the order's times */
	else {
		pc_error_set(r->err, r->path, r->line,
			     "'goods' (货物状态) must be 未发货, 已发货未收货, 已收货, 买家未收到货 or 买家已收到货, got '%.60s'", s);
		r->rc = PC_EINPUT;
		return;
	}
	s = fld(r, PC_FC_REASON, &n);
	if (strstr(s, "质量"))
		x.reason = 0;
	else if (strstr(s, "无理由"))
		x.reason = 1;
	else if (strstr(s, "未收到"))
		x.reason = 2;
	else {
		x.reason = 3;
		if (!blank(s, n) && !is(s, n, "其他"))
			d->n.reason_unknown++;
	}
	s = fld(r, PC_FC_STATUS, &n);
	if (is(s, n, "退款成功"))
		x.status = 1;
	else if (is(s, n, "退款关闭"))
		x.status = 2;
	else if (blank(s, n)) {
		pc_error_set(r->err, r->path, r->line, "empty 'status' (退款状态)");
		r->rc = PC_EINPUT;
		return;
	} else {
		x.status = 0;
		/* What the open refund waits for, as the back end words it. */
		x.wait = strstr(s, "等待卖家同意") ? PC_FW_SELLER
			 : strstr(s, "等待买家退货") ? PC_FW_BUYER
			 : strstr(s, "等待卖家确认收货") ? PC_FW_RETURNED
			 : strstr(s, "处理中") ? PC_FW_PROCESSING
			 : strstr(s, "拒绝") ? PC_FW_REFUSED : PC_FW_UNKNOWN;
	}
	s = fld(r, PC_FC_CLOSED_REASON, &n);
	x.cancelled = x.status == 2 && strstr(s, "撤销") != NULL;
	x.gave_up = x.status == 2 && strstr(s, "放弃") != NULL;
	x.escalated = (uint8_t)cell_yes(r, PC_FC_ESCALATED);
	x.rejected = (uint8_t)cell_yes(r, PC_FC_REJECTED);
	x.autoapp = (uint8_t)cell_yes(r, PC_FC_AUTO);
	x.responsible = (uint8_t)cell_yes(r, PC_FC_RESPONSIBLE);
	if (r->rc)
		return;
	if (grow((void **)&d->refund, &r->cap_refunds, d->nrefunds, sizeof x) || side(r, d->nrefunds, h, oh)) {
		r->rc = PC_ENOMEM;
		return;
	}
	d->refund[d->nrefunds++] = x;
}

static void work_row(reader *r)
{
	pc_fit_data *d = r->d;
	pc_fit_task w;
	size_t n;
	const char *s;
	uint64_t ch;

	d->n.work_rows++;
	s = fld(r, PC_FC_AGENT, &n);
	if (blank(s, n)) {
		pc_error_set(r->err, r->path, r->line, "empty 'agent'");
		r->rc = PC_EINPUT;
		return;
	}
	w.agent = idtab_get(&r->agents, hash_bytes(s, n, HASH0), d->nagents);
	if (w.agent == -2) {
		r->rc = PC_ENOMEM;
		return;
	}
	if (w.agent < 0)
		w.agent = d->nagents++;
	s = fld(r, PC_FC_CASE, &n);
	ch = hash_bytes(s, n, HASH0);
	w.refund = -1;
	w.start = cell_time(r, PC_FC_START);
	w.end = cell_time(r, PC_FC_END);
	if (r->rc)
		return;
	s = fld(r, PC_FC_TASK, &n);
	w.task = is(s, n, "agree") ? 1 : is(s, n, "payout") ? 2 : is(s, n, "escalation") ? 3
		 : is(s, n, "approval") ? 5 : (is(s, n, "inspect") || is(s, n, "inspection")) ? 6
		 : (blank(s, n) || is(s, n, "handle")) ? 0 : 4;
	/* the role: 岗位, or without it (or blank) the task's */
	s = fld(r, PC_FC_RESOURCE, &n);
	if (blank(s, n))
		w.resource = w.task == 5 ? PC_FIT_SUPERVISORS : w.task == 6 ? PC_FIT_INSPECTORS : PC_FIT_AGENTS;
	else if (is(s, n, "客服") || is(s, n, "agent"))
		w.resource = PC_FIT_AGENTS;
	else if (is(s, n, "主管") || is(s, n, "supervisor"))
		w.resource = PC_FIT_SUPERVISORS;
	else if (is(s, n, "质检") || is(s, n, "inspector"))
		w.resource = PC_FIT_INSPECTORS;
	else {
		pc_error_set(r->err, r->path, r->line, "'resource' (岗位) must be 客服, 主管 or 质检, got '%.*s'",
			     (int)(n > 60 ? 60 : n), s);
		r->rc = PC_EINPUT;
		return;
	}
	/* a work row has no id: the whole row is its identity */
	if (grow((void **)&d->task, &r->cap_tasks, d->ntasks, sizeof w) || side(r, d->ntasks, row_hash(r), ch)) {
		r->rc = PC_ENOMEM;
		return;
	}
	d->task[d->ntasks++] = w;
}

static void on_row(int c, void *user)
{
	reader *r = user;

	(void)c;
	if (r->rc)
		return;
	if (r->overflow) {
		pc_error_set(r->err, r->path, r->line, "more than %d fields", MAXF);
		r->rc = PC_EINPUT;
	} else if (!r->header_done) {
		header(r);
		r->header_done = 1;
	} else if (r->nf == 1 && r->off[1] == 1) {
		/* an empty line */
	} else if (r->nf != r->nheader) {
		pc_error_set(r->err, r->path, r->line, "%d fields, the header has %d", r->nf, r->nheader);
		r->rc = PC_EINPUT;
	} else if (r->file == FILE_ORDERS) {
		order_row(r);
	} else if (r->file == FILE_REFUNDS) {
		refund_row(r);
	} else {
		work_row(r);
	}
	r->nf = 0;
	r->len = 0;
	r->overflow = 0;
}

/* Feeds text to the parser a line at a time, so that r->line is the line
 * of each row's end. */
static int feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
	while (n && !r->rc) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		if (csv_parse(p, s, k, on_field, on_row, r) != k) {
			pc_error_set(r->err, r->path, r->line, "not CSV: %s", csv_strerror(csv_error(p)));
			r->rc = PC_EINPUT;
			return r->rc;
		}
		if (nl)
			r->line++;
		s += k;
		n -= k;
	}
	return r->rc;
}

static int read_file(reader *r, int gbk)
{
	struct csv_parser p;
	enum { CHUNK = 1 << 20 };
	char *in = NULL, *out = NULL;
	size_t carry = 0, chunk;
	iconv_t cd = (iconv_t)-1;
	double bytes;
	int rc = 0, started = 0, why;
	/* Not fopen: a named pipe would block in open() until a writer
	 * came. */
	FILE *f = pc_file_open(r->path, &bytes, &why);

	if (!f) {
		pc_error_set(r->err, r->path, 0, "cannot open: %s", pc_file_why(why));
		return why > 0 ? PC_EIO : PC_EINPUT;
	}
	/* Blocks of 1 MiB, or the file and a little more when smaller. */
	chunk = bytes + 64 < CHUNK ? (size_t)bytes + 64 : CHUNK;
	r->line = 1;
	if (csv_init(&p, CSV_APPEND_NULL) ||
	    !(in = malloc(chunk + 8)) || !(out = malloc(chunk * 2 + 16))) {
		fclose(f);
		free(in);
		pc_error_set(r->err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	csv_set_opts(&p, CSV_APPEND_NULL);
	if (gbk && (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		pc_error_set(r->err, NULL, 0, "iconv cannot convert GBK: %s", strerror(errno));
		rc = PC_EIO;
		goto out;
	}
	for (;;) {
		size_t got = fread(in + carry, 1, chunk - carry, f);
		size_t avail = carry + got;
		int first = !started;

		started = 1;
		if (!gbk) {
			/* A UTF-8 byte-order mark (Excel's) goes before libcsv
			 * sees it: a quoted first header would not parse. */
			size_t bom = first && avail >= 3 && !memcmp(in, "\xef\xbb\xbf", 3) ? 3 : 0;
			rc = feed(r, &p, in + bom, avail - bom);
			carry = 0;
		} else {
			char *ip = in, *op = out;
			size_t il = avail, ol = chunk * 2 + 16;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL) {
				pc_error_set(r->err, r->path, r->line, "not GBK text (--encoding gbk)");
				rc = PC_EINPUT;
				break;
			}
			rc = feed(r, &p, out, (size_t)(op - out));
			memmove(in, ip, il);
			carry = il;
		}
		if (rc || got == 0)
			break;
	}
	if (!rc && ferror(f)) {
		pc_error_set(r->err, r->path, 0, "cannot read: %s", strerror(errno));
		rc = PC_EIO;
	}
	if (!rc && carry) {
		pc_error_set(r->err, r->path, r->line, "ends inside a GBK character");
		rc = PC_EINPUT;
	}
	if (!rc) {
		csv_fini(&p, on_field, on_row, r);
		rc = r->rc;
	}
	if (!rc && !r->header_done) {
		pc_error_set(r->err, r->path, 1, "empty file: no header");
		rc = PC_EINPUT;
	}
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	csv_free(&p);
	free(in);
	free(out);
	fclose(f);
	return rc;
}

void pc_fit_data_release(pc_fit_data *d)
{
	free(d->order);
	free(d->refund);
	free(d->task);
	memset(d, 0, sizeof *d);
}

/* How far ahead of the record at hand its table slot is prefetched. */
#define AHEAD 16

/* Registers the n records' ids (r->idh) in t in file order and drops the
 * records whose id came before (dup: the same row again; conflict: other
 * values, the first kept): the records (size sz at base) are compacted in
 * place with their r->rowh and r->joinh.  The kept count, or (size_t)-1
 * when out of memory. */
static size_t dedup(reader *r, idtab *t, void *base, size_t sz, size_t n, long *dup, long *conflict)
{
	char *b = base;
	size_t m = 0;

	if (idtab_reserve(t, n))
		return (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		int32_t k;
		if (i + AHEAD < n)
			prefetch_slot(t, r->idh[i + AHEAD]);
		k = idtab_get(t, r->idh[i], (int32_t)m);
		if (k >= 0) {
			if (r->rowh[k] == r->rowh[i])
				(*dup)++;
			else
				(*conflict)++;
			continue;
		}
		if (m != i) {
			memcpy(b + m * sz, b + i * sz, sz);
			r->rowh[m] = r->rowh[i];
			r->joinh[m] = r->joinh[i];
		}
		m++;
	}
	return m;
}

double pc_fit_time(const char *s, int *bad)
{
	return parse_time(s, strlen(s), bad);
}

/* Seconds since 1970 -> seconds from day0. */
static void shift(double *t, double by)
{
	if (!isnan(*t))
		*t -= by;
}

/* One file read on its own thread: the three files are parsed at once
 * (they share nothing until their ids are matched). */
typedef struct job {
	reader r;
	int gbk, rc;
	pc_error err;
} job;

static void *read_job(void *p)
{
	job *j = p;

	/* No orders file (in->orders NULL): nothing to read. */
	j->rc = j->r.path ? read_file(&j->r, j->gbk) : 0;
	return NULL;
}

int pc_fit_read(pc_fit_data *d, const pc_fit_input *in, pc_error *err)
{
	job j[3];
	pthread_t th[3];
	int started[3] = { 0 };
	const char *path[3] = { in->orders, in->refunds, in->work };
	idtab orders = { 0 }, refunds = { 0 };
	int rc = 0, nfiles = in->work ? 3 : 2;
	double t0, tmax = -INFINITY, pmin = INFINITY, pmax = -INFINITY;

	memset(d, 0, sizeof *d);
	memset(j, 0, sizeof j);
	for (int f = 0; f < nfiles; f++) {
		reader *r = &j[f].r;
		pc_error_clear(&j[f].err);
		r->err = &j[f].err;
		r->map = in->map;
		r->d = d;
		r->tmin = INFINITY;
		r->tmax = -INFINITY;
		r->path = path[f];
		r->file = f;
		j[f].gbk = in->gbk;
	}
	/* The last file on this thread, the others on their own; each file's
	 * counters are its own fields of d->n. */
	for (int f = 0; f + 1 < nfiles; f++)
		started[f] = pthread_create(&th[f], NULL, read_job, &j[f]) == 0;
	read_job(&j[nfiles - 1]);
	for (int f = 0; f + 1 < nfiles; f++) {
		if (started[f])
			pthread_join(th[f], NULL);
		else
			read_job(&j[f]);
	}
	/* The first failure in file order, whichever thread ended first. */
	for (int f = 0; f < nfiles && !rc; f++)
		if ((rc = j[f].rc))
			*err = j[f].err;
	for (int f = 0; f < nfiles; f++)
		if (j[f].r.tmax > tmax)
			tmax = j[f].r.tmax;
	d->has_dispatch = in->orders && j[0].r.col[PC_FC_DISPATCH] >= 0;
	d->has_delivered = in->orders && j[0].r.col[PC_FC_DELIVERED] >= 0;
	d->has_goods_col = j[1].r.col[PC_FC_GOODS] >= 0;
	d->has_stage_col = j[1].r.col[PC_FC_STAGE] >= 0;
	d->has_esc_col = j[1].r.col[PC_FC_ESCALATED] >= 0;
	d->has_reject_col = j[1].r.col[PC_FC_REJECTED] >= 0;
	d->has_closed_col = j[1].r.col[PC_FC_CLOSED_REASON] >= 0;
	d->has_shipped_col = j[1].r.col[PC_FC_SHIPPED] >= 0;
	d->has_warehouse_col = j[1].r.col[PC_FC_WAREHOUSE] >= 0;
	d->has_resp_col = j[1].r.col[PC_FC_RESPONSIBLE] >= 0;
	d->has_work = in->work != NULL;
	d->has_task_col = in->work && j[2].r.col[PC_FC_TASK] >= 0;
	d->has_resource_col = in->work && j[2].r.col[PC_FC_RESOURCE] >= 0;
	if (rc)
		goto out;
	/* Each file's ids in file order (duplicates dropped), then the
	 * refunds' orders and the tasks' cases. */
	if ((d->norders = dedup(&j[0].r, &orders, d->order, sizeof *d->order, d->norders, &d->n.order_dup,
				&d->n.order_conflict)) == (size_t)-1 ||
	    (d->nrefunds = dedup(&j[1].r, &refunds, d->refund, sizeof *d->refund, d->nrefunds, &d->n.refund_dup,
				 &d->n.refund_conflict)) == (size_t)-1)
		goto nomem;
	side_free(&j[0].r);
	for (size_t i = 0; i < d->nrefunds; i++) {
		if (i + AHEAD < d->nrefunds)
			prefetch_slot(&orders, j[1].r.joinh[i + AHEAD]);
		d->refund[i].order = idtab_find(&orders, j[1].r.joinh[i]);
	}
	idtab_free(&orders);
	side_free(&j[1].r);
	if (in->work) {
		long conflict = 0;
		idtab rows = { 0 };
		d->ntasks = dedup(&j[2].r, &rows, d->task, sizeof *d->task, d->ntasks, &d->n.work_dup, &conflict);
		idtab_free(&rows);
		if (d->ntasks == (size_t)-1)
			goto nomem;
		for (size_t i = 0; i < d->ntasks; i++) {
			if (i + AHEAD < d->ntasks)
				prefetch_slot(&refunds, j[2].r.joinh[i + AHEAD]);
			d->task[i].refund = idtab_find(&refunds, j[2].r.joinh[i]);
		}
	}
	idtab_free(&refunds);
	/* The window: given, or the orders' first and last payment day. */
	for (size_t i = 0; i < d->norders; i++) {
		double p = d->order[i].paid;
		if (isnan(p)) {
			d->n.order_no_paid++;
			continue;
		}
		if (p < pmin)
			pmin = p;
		if (p > pmax)
			pmax = p;
		if (isnan(d->order[i].dispatch))
			d->n.order_no_dispatch++;
	}
	if (in->from >= 0) {
		d->day0 = in->from;
		d->days = (int)(in->to - in->from + 1);
	} else if (pmin < INFINITY) {
		d->day0 = (int64_t)floor(pmin / 86400.0);
		d->days = (int)((int64_t)floor(pmax / 86400.0) - d->day0 + 1);
	} else {
		pc_error_set(err, in->orders, 0, "no order with a payment time: nothing to fit");
		rc = PC_EINPUT;
		goto out;
	}
	if (d->days < 1 || d->days > 366) {
		pc_error_set(err, in->orders, 0, "the sales window must be 1 to 366 days, got %d", d->days);
		rc = PC_EINPUT;
		goto out;
	}
	t0 = (double)d->day0 * 86400.0;
	d->export_end = tmax - t0;
	for (size_t i = 0; i < d->norders; i++) {
		pc_fit_order *o = &d->order[i];
		shift(&o->paid, t0);
		shift(&o->dispatch, t0);
		shift(&o->delivered, t0);
		shift(&o->confirm, t0);
		if (!isnan(o->paid) && (o->paid < 0 || o->paid >= d->days * 86400.0))
			d->n.order_outside++;
	}
	for (size_t i = 0; i < d->nrefunds; i++) {
		pc_fit_refund *x = &d->refund[i];
		shift(&x->t, t0);
		shift(&x->end, t0);
		shift(&x->shipped, t0);
		shift(&x->warehouse, t0);
	}
	for (size_t i = 0; i < d->ntasks; i++) {
		shift(&d->task[i].start, t0);
		shift(&d->task[i].end, t0);
	}
	goto out;
nomem:
	pc_error_set(err, NULL, 0, "out of memory");
	rc = PC_ENOMEM;
out:
	for (int f = 0; f < nfiles; f++) {
		free(j[f].r.buf);
		side_free(&j[f].r);
		idtab_free(&j[f].r.agents);
	}
	idtab_free(&orders);
	idtab_free(&refunds);
	if (rc)
		pc_fit_data_release(d);
	return rc;
}
