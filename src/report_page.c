/* report_page: the shared parts of the review packs: head and style,
 * escaping, numbers, the verdict box, met/missed cells, embedded charts,
 * the KPIs' Chinese names. */
#include "report_page.h"

#include <math.h>
#include <string.h>

#include "promocap/error.h"

const char *pc_page_w(const pc_page *p, const char *en, const char *zh)
{
	return p->zh ? zh : en;
}

void pc_page_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

void pc_page_grouped(char *buf, size_t n, double v)
{
	char digits[64];
	size_t len, k = 0;

	if (isnan(v)) {
		snprintf(buf, n, "n/a");
		return;
	}
	snprintf(digits, sizeof digits, "%.0f", fabs(v));
	len = strlen(digits);
	if (v <= -0.5 && k + 1 < n)
		buf[k++] = '-';
	for (size_t i = 0; i < len && k + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
}

/* The house style: the run report's, with the verdict box and the grid. */
static const char style[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Noto Sans\",\"DejaVu Sans\",sans-serif;"
	"color:#222;max-width:1100px;margin:24px auto;padding:0 16px;line-height:1.45}\n"
	"h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;border-bottom:2px solid #4c72b0;"
	"padding-bottom:3px;margin-top:32px}\n"
	".sub{color:#555;margin:0 0 16px}.note{background:#fff4e5;border-left:4px solid #e8a33d;"
	"padding:8px 12px}\n"
	"table{border-collapse:collapse;margin:8px 0 16px;font-size:.95em}"
	"th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left;vertical-align:top}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"#inputs th{white-space:nowrap;width:1%}#staffing td{white-space:nowrap}\n"
	"thead th{background:#f2f4f8}.met{color:#1a7f37;font-weight:bold}"
	".missed{color:#c62828;font-weight:bold}\n"
	".verdict{border-left:6px solid;padding:10px 16px;margin:12px 0 8px;font-size:1.05em}"
	".verdict.ok{background:#eef7f0;border-color:#1a7f37}.verdict.bad{background:#fdeeee;border-color:#c62828}"
	".verdict p{margin:0 0 6px;font-weight:bold;font-size:1.1em}.verdict ul{margin:0;padding-left:20px}\n"
	"table.grid{font-size:.88em}table.grid td,table.grid th{padding:2px 8px;white-space:nowrap}"
	"table.grid td.zero{color:#c62828}table.grid tr.total th,table.grid tr.total td{border-top:2px solid #888;"
	"font-weight:bold}table.grid tr.sale th,table.grid tr.sale td{background:#f3f6fb}"
	"table.grid th.role{text-align:center;border-bottom:2px solid #4c72b0;background:#fff}\n"
	"td.day::after{content:\" ▲\";font-size:.8em}\n"
	".src{color:#555;font-size:.9em}.ci{font-weight:normal;color:#666;font-size:.82em}\n"
	".scroll{overflow-x:auto}table.wide th{white-space:normal;max-width:11em;vertical-align:bottom}"
	"tr.part th{background:#fafafa;font-style:italic;font-weight:normal;color:#555}\n"
	"figure{margin:16px 0 28px;page-break-inside:avoid;break-inside:avoid}"
	"figure img{width:100%;height:auto;border:1px solid #eee}"
	"figcaption{font-weight:bold;margin-bottom:6px}\n"
	".formula{font-family:\"DejaVu Sans Mono\",monospace;background:#f6f8fa;padding:8px 12px}\n"
	"@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}"
	"table,figure{page-break-inside:avoid}}\n";

void pc_page_begin(const pc_page *p, const char *title, const char *name, const char *sub, const char *note)
{
	FILE *out = p->out;

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		p->zh ? "zh-CN" : "en");
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
	pc_page_escape(out, title);
	pc_page_escape(out, p->zh ? "：" : ": ");
	pc_page_escape(out, name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", style);
	pc_page_escape(out, title);
	pc_page_escape(out, p->zh ? "：" : ": ");
	pc_page_escape(out, name);
	fputs("</h1>\n", out);
	if (sub) {
		fputs("<p class=\"sub\">", out);
		pc_page_escape(out, sub);
		fputs("</p>\n", out);
	}
	if (note) {
		fputs("<p class=\"note\">", out);
		pc_page_escape(out, note);
		fputs("</p>\n", out);
	}
	fputs("</header>\n", out);
}

int pc_page_end(const pc_page *p)
{
	fputs("</body>\n</html>\n", p->out);
	return ferror(p->out) ? PC_EIO : 0;
}

void pc_page_section(const pc_page *p, const char *id, const char *en, const char *zh)
{
	fprintf(p->out, "<section id=\"%s\"><h2>", id);
	pc_page_escape(p->out, pc_page_w(p, en, zh));
	fputs("</h2>\n", p->out);
}

void pc_page_section_end(const pc_page *p)
{
	fputs("</section>\n", p->out);
}

void pc_page_verdict(const pc_page *p, int ok, const char *headline, const char *const *items, int nitems)
{
	fprintf(p->out, "<div class=\"verdict %s\"><p>", ok ? "ok" : "bad");
	pc_page_escape(p->out, headline);
	fputs("</p>\n", p->out);
	if (nitems > 0) {
		fputs("<ul>\n", p->out);
		for (int i = 0; i < nitems; i++) {
			fputs("<li>", p->out);
			pc_page_escape(p->out, items[i]);
			fputs("</li>\n", p->out);
		}
		fputs("</ul>\n", p->out);
	}
	fputs("</div>\n", p->out);
}

void pc_page_met_cell(const pc_page *p, int met)
{
	fprintf(p->out, "<td class=\"%s\">%s</td>", met ? "met" : "missed",
		met ? pc_page_w(p, "met", "达标") : pc_page_w(p, "missed", "未达标"));
}

void pc_page_row2(const pc_page *p, const char *label, const char *value)
{
	fputs("<tr><th>", p->out);
	pc_page_escape(p->out, label);
	fputs("</th><td>", p->out);
	pc_page_escape(p->out, value);
	fputs("</td></tr>\n", p->out);
}

/* The SVG as base64, lines of 76 characters. */
static void base64(FILE *out, const unsigned char *s, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		fputc(abc[v >> 18 & 63], out);
		fputc(abc[v >> 12 & 63], out);
		fputc(i + 1 < n ? abc[v >> 6 & 63] : '=', out);
		fputc(i + 2 < n ? abc[v & 63] : '=', out);
		if (i % 57 == 54)
			fputc('\n', out);
	}
}

void pc_page_charts(const pc_page *p, const pc_report_chart *charts, int ncharts)
{
	FILE *out = p->out;

	for (int i = 0; i < ncharts; i++) {
		const pc_report_chart *c = &charts[i];

		fputs("<figure id=\"chart-", out);
		pc_page_escape(out, c->name);
		fputs("\"><figcaption>", out);
		pc_page_escape(out, c->title);
		fputs("</figcaption>\n", out);
		if (c->svg) {
			fputs("<img alt=\"", out);
			pc_page_escape(out, c->title);
			fputs("\" src=\"data:image/svg+xml;base64,\n", out);
			base64(out, (const unsigned char *)c->svg, c->svg_len);
			fputs("\">\n", out);
		} else {
			fprintf(out, "<p class=\"note\">%s</p>\n", pc_page_w(p, "chart not drawn", "图表未生成"));
		}
		fputs("</figure>\n", out);
	}
}

/* Chinese names of the KPIs (MODEL.md's terms), shown before the KPI's own
 * label in a Chinese page; a label that already carries Chinese is kept. */
const char *pc_page_kpi_zh(const char *key)
{
	static const char *const map[][2] = {
		{ "refund_requests", "退款申请" },
		{ "after_sales_requests", "其他售后工作" },
		{ "first_response_within", "首次响应及时率" },
		{ "first_response_mean", "首次响应时长（均值）" },
		{ "refund_only_within", "仅退款按时完结率" },
		{ "segment_agree", "时段 1 退款同意（客服）" },
		{ "segment_buyer_ships", "时段 2 商品邮寄（买家）" },
		{ "segment_transit", "时段 3 退款在途（快递）" },
		{ "segment_inspection", "时段 4 验货（仓库）" },
		{ "segment_payout", "时段 5 退款（客服）" },
		{ "return_paid_within", "退货到仓后按时退款率" },
		{ "supervisor_approval_within", "主管按时审批率" },
		{ "finished_within_24h", "24 小时内完结" },
		{ "finished_within_5d", "5 天内完结" },
		{ "all_done_within", "全部退款按时完结率" },
		{ "escalations", "小二介入" },
		{ "automatic_approvals", "超时自动同意" },
		{ "parcels_lost", "退货丢件（快递承担）" },
		{ "wrong_goods_paid", "签收即退款后货品不符" },
		{ "open_at_horizon", "截止时未完结退款" },
		{ "after_sales_open_at_horizon", "截止时未完结售后" },
		{ "peak_backlog", "未完结退款峰值" },
		{ "dispute_refund_rate", "纠纷退款率" },
		{ "product_experience_refund_rate", "品质退款率" },
		{ "refund_only_completion", "仅退款完结时长（均值）" },
		{ "refund_only_handled_within", "仅退款按时处理率" },
		{ "return_refund_completion", "退货退款完结时长（均值）" },
		{ "enquiry_response_within", "咨询按时响应率" },
		{ "presale_response_within", "售前按时响应率" },
		{ "utilisation_agent", "利用率：退款专员" },
		{ "utilisation_supervisor", "利用率：主管" },
		{ "utilisation_inspector", "利用率：仓库质检" },
		{ "staff_hours_agent", "工时：退款专员" },
		{ "staff_hours_supervisor", "工时：主管" },
		{ "staff_hours_inspector", "工时：仓库质检" },
		{ "auto_refund_goods_out", "自动退款时货已发出" },
		{ "auto_refund_matched", "命中自动退款规则的申请" },
		{ "auto_refund_money", "未经审核退出的金额" },
		{ "cancelled_by_buyer", "买家在答复前撤销的申请" },
		{ "closed_not_shipped", "退货关闭：买家未按时寄回" },
		{ "dual_skill_chat_hours", "双技能客服的售前接待工时" },
		{ "enquiry_wait_mean", "售后咨询等待时长（均值）" },
		{ "presale_by_dual_skill", "由双技能客服接待的售前咨询" },
		{ "presale_chats", "售前咨询" },
		{ "presale_unanswered", "期末未接待的售前咨询" },
		{ "presale_wait_mean", "售前咨询等待时长（均值）" },
		{ "refund_only_handling_mean", "仅退款至店铺处理的时长（均值）" },
		{ "refunded_on_receipt_timeout", "退货超时自动退款：未按时打款" },
		{ "rejected", "首次处理即被拒绝的申请" },
		{ "rejected_asked_again", "其中再次申请（后同意）" },
		{ "rejected_escalated", "其中申请小二介入" },
		{ "rejected_gave_up", "其中买家放弃、关闭" },
		{ "ruled_closed", "小二判定：关闭" },
		{ "ruled_refunded", "小二判定：退款（商家责任）" },
		{ "service_cases_exchange", "售后工单：换货" },
		{ "service_cases_invoice", "售后工单：发票" },
		{ "service_cases_order_change", "售后工单：改单" },
		{ "service_cases_price_protection", "售后工单：价格保护" },
		{ "service_cases_quality", "售后工单：质量问题" },
		{ "service_cases_warranty", "售后工单：保修" },
		{ "service_cases_where_is_my_parcel", "售后工单：查件" },
		{ "service_close_exchange", "结单时长：换货" },
		{ "service_close_invoice", "结单时长：发票" },
		{ "service_close_order_change", "结单时长：改单" },
		{ "service_close_price_protection", "结单时长：价格保护" },
		{ "service_close_quality", "结单时长：质量问题" },
		{ "service_close_warranty", "结单时长：保修" },
		{ "service_close_where_is_my_parcel", "结单时长：查件" },
		{ "staff_hours_presale", "工时：售前客服" },
		{ "utilisation_presale", "利用率：售前客服" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return NULL;
}
