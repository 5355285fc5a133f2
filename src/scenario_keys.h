/* scenario_keys: the one table of scenario keys, from which the parser, the defaults, the dump and the key reference are all generated. */

/* This file is an X-macro table with no include guard: define PC_KEY, include
 * it, undefine PC_KEY.  One row per key, in the order of the dump and the
 * reference:
 *
 *   PC_KEY(id, section, key, type, field, default, doc)
 *
 *   id       the key's enumerator suffix (PC_KEY_<id> in scenario_internal.h)
 *   section  the INI section, without brackets
 *   key      the key's name in that section
 *   type     the value syntax, PC_KT_<type> in scenario_internal.h
 *   field    the pc_scenario member the value resolves into
 *   default  the text used when the key is absent, read exactly like a
 *            written value; NULL for a required key; a text in parentheses
 *            describes a default derived from other keys
 *   doc      one line for the key reference (no '|' needed: it is escaped) */

/* [promotion] */
PC_KEY(NAME, "promotion", "name", TEXT, name, "(the file's base name without .ini)",
       "label of the scenario in reports")
PC_KEY(SALES_START, "promotion", "sales_start", DATE, day0, NULL,
       "first sales day, YYYY-MM-DD; time 0 of the run is its 00:00")
PC_KEY(SALES_END, "promotion", "sales_end", DATE, sales_days, NULL,
       "last sales day, YYYY-MM-DD, not before sales_start")
PC_KEY(HORIZON, "promotion", "horizon", DATETIME, horizon, "(the end of sales_end + 20 days)",
       "when the run stops, YYYY-MM-DD HH:MM or a date alone for the end of that day; after entry_opens")
PC_KEY(GMV, "promotion", "gmv", POSITIVE, gmv, NULL,
       "gross merchandise value of the promotion, CNY (> 0); or a forecast distribution, lognormal(mean=35000000, cv=15%), gamma, normal or uniform(lo, hi) (docs/forecast.md)")
PC_KEY(AOV, "promotion", "aov", POSITIVE, aov, NULL,
       "average order value, CNY (> 0); orders N = gmv / aov; or a forecast distribution (docs/forecast.md)")
PC_KEY(DAILY_SHARE, "promotion", "daily_share", DAILY, daily_share_text, "uniform",
       "orders by sales day: uniform, or a CSV date,share giving every sales day once, summing to 100%")
PC_KEY(HOURLY_SHARE, "promotion", "hourly_share", HOURLY, hourly_share_text, "uniform",
       "orders by hour of the day: uniform, or a CSV hour,share giving hours 0 to 23 once, summing to 100%")

/* [refunds] */
PC_KEY(RATE, "refunds", "rate", RATE, refund_rate, NULL,
       "refund rate r, 0% to 100%: refunds R = gmv * r / aov; or a CSV date,rate giving every sales day its rate (a 618's 6-18 has a higher one); or a forecast distribution such as uniform(5%, 7%) (docs/forecast.md)")
PC_KEY(ENTRY_OPENS, "refunds", "entry_opens", DATETIME, entry_opens, "(sales_start 00:00)",
       "the refund entry opens for the orders of entry_gated days (docs/business.md §1): none of them asks before this, YYYY-MM-DD HH:MM or a date alone for its 00:00")
PC_KEY(ENTRY_GATED, "refunds", "entry_gated", DAYS, entry_gated_text, "peak",
       "sales days whose orders wait for entry_opens: peak (the sales day with the largest daily_share), all, none, or dates YYYY-MM-DD, ...; other orders ask as usual")
PC_KEY(TIMING, "refunds", "timing", TIMING, timing, "goods_state",
       "goods_state: a buyer asks by the goods' state (before dispatch, in transit, after delivery), which gives the path, at buyers' hours; order_delay: the earlier model, order time + request_delay with path_mix")
PC_KEY(GOODS_STATE, "refunds", "goods_state", STATES, state_mix,
       "before_dispatch 30%, in_transit 15%, after_delivery 55%",
       "goods_state timing: refunds by the goods' state when the buyer decides (before_dispatch, in_transit, after_delivery), summing to 100%")
PC_KEY(DELAY_BEFORE_DISPATCH, "refunds", "delay_before_dispatch", DIST, delay_before_dispatch,
       "exponential(mean=8h)", "goods_state timing: order -> request, held below the dispatch (a conditional draw)")
PC_KEY(DELAY_IN_TRANSIT, "refunds", "delay_in_transit", DIST, delay_in_transit,
       "lognormal(mean=1d, sd=1d)", "goods_state timing: dispatch -> request, held below the delivery")
PC_KEY(DELAY_AFTER_DELIVERY, "refunds", "delay_after_delivery", DIST, delay_after_delivery,
       "lognormal(mean=2d, sd=2d)", "goods_state timing: delivery -> request")
PC_KEY(NO_RETURN, "refunds", "no_return", SHARE, no_return, "20%",
       "goods_state timing: requests after delivery that ask a refund without return (received_no_return); the others return; or a forecast distribution (docs/forecast.md)")
PC_KEY(REQUEST_HOURS, "refunds", "request_hours", REQ_HOURS, request_hours_text, "buyers",
       "hour of the day buyers ask (requests, claims, enquiries, escalations keep their day): buyers (few 01:00-08:00), uniform, none (the drawn time stands), or a CSV hour,share")
PC_KEY(REQUEST_DELAY, "refunds", "request_delay", DIST, request_delay, "lognormal(mean=3d, sd=2d)",
       "order_delay timing: delay from the order to its refund request; goods_state timing: to an enquiry")
PC_KEY(ARRIVAL_CURVE, "refunds", "arrival_curve", CURVE, arrival_curve_text, "none",
       "none, or a CSV of refund request rates (start_min, start_h or datetime; rate_per_min, rate_per_h or share) used instead of request_delay and entry_opens")
PC_KEY(AFTER_SALES_RATIO, "refunds", "after_sales_ratio", RATIO, after_sales_ratio, "40%",
       "after-sales cases per refund, 0% to 1000% (docs/business.md §1): claims on received goods (claims) and enquiries; or a forecast distribution (docs/forecast.md)")
PC_KEY(REASONS, "refunds", "reasons", REASONS, reason_mix,
       "quality 15%, no_reason 55%, not_received 10%, other 20%",
       "refund reasons (quality, no_reason, not_received, other), summing to 100%")
PC_KEY(PATH_MIX, "refunds", "path_mix", PATHS, path_mix,
       "unshipped 30%, in_transit 20%, received_no_return 10%, return 40%",
       "refunds by the goods' state (unshipped, in_transit, received_no_return, return), summing to 100%")
PC_KEY(ORDER_AMOUNT, "refunds", "order_amount", DIST_CNY, order_amount,
       "(lognormal(mean=aov, cv=1))",
       "CNY a refund pays back on paths unshipped, in_transit and return (received_no_return pays its amount); drawn only when auto_refund is on")

/* [goods], the life of an order */
PC_KEY(DISPATCH, "goods", "dispatch", DIST, dispatch, "lognormal(mean=1d, sd=0.7d)",
       "order -> the goods leave the warehouse; an interception (path unshipped) fails exactly when they leave before the agent's handling ends")
PC_KEY(DELIVERY, "goods", "delivery", DIST, delivery, "lognormal(mean=2.5d, sd=1d)",
       "dispatch -> delivered to the buyer")
PC_KEY(CONFIRM_AFTER, "goods", "confirm_after", DURATION_POS, confirm_after, "10d",
       "dispatch -> automatic confirmation of receipt, which closes the trade (10d for parcels on Taobao and Tmall; > 0)")
PC_KEY(CLAIM_DELAY, "goods", "claim_delay", DIST, claim_delay, "lognormal(mean=3d, sd=3d)",
       "goods_state timing: the later of confirmation and delivery -> an after-sales claim (售后维权)")

/* [auto_refund], the shop's automatic refund rules (docs/business.md §2) */
PC_KEY(AUTO_UNSHIPPED_BELOW, "auto_refund", "unshipped_below", MONEY_NONE, auto_unshipped_below,
       "none", "rule: an unshipped refund-only request whose order_amount is below this many CNY is approved at once; none: no such rule")
PC_KEY(GOOD_CREDIT, "auto_refund", "good_credit", SHARE, good_credit, "0%",
       "rule: buyers with a good credit record, whose refund-only requests (paths unshipped, in_transit, received_no_return) get a fast refund (极速退款)")
PC_KEY(AUTO_CHECK, "auto_refund", "check", DIST_NONE, auto_check, "none",
       "none: a matched request is refunded at once, without an agent; or the agent time of a short check that it queues for first")

/* [late], requests after the after-sales period (docs/business.md §3) */
PC_KEY(LATE_PERIOD, "late", "period", TIMEOUT, late_period, "none",
       "after-sales period from the order: a refund requested later is a late request that the shop answers in one of three ways; none: no request is late; needs arrival_curve none")
PC_KEY(LATE_EXTENSION, "late", "extension", DURATION_POS, late_extension, "7d",
       "how long one extension of the after-sales period reopens the entry (延长售后, 7d: docs/business.md §3) (> 0)")
PC_KEY(LATE_EXTENSIONS, "late", "extensions", COUNT, late_extensions, "3",
       "extensions allowed per order within a year of payment (3: docs/business.md §3); a request beyond them cannot be reopened: compensate or refuse, in their shares' proportion")
PC_KEY(LATE_CHOICES, "late", "choices", LATE_MIX, late_mix, "reopen 50%, compensate 35%, refuse 15%",
       "the shop's answers to late requests (reopen, compensate, refuse), summing to 100%")
PC_KEY(LATE_REOPEN_HANDLE, "late", "reopen_handle", DIST, late_handle[PC_LATE_REOPEN],
       "lognormal(mean=6min, cv=0.5)", "agent time to check a late request and reopen its entry; the refund then follows its path")
PC_KEY(LATE_COMPENSATE_HANDLE, "late", "compensate_handle", DIST, late_handle[PC_LATE_COMPENSATE],
       "lognormal(mean=8min, cv=0.5)", "agent time to agree a small compensation (小额补偿), which closes the request")
PC_KEY(LATE_REFUSE_HANDLE, "late", "refuse_handle", DIST, late_handle[PC_LATE_REFUSE],
       "lognormal(mean=4min, cv=0.5)", "agent time to refuse a late request, which closes it")
PC_KEY(LATE_REOPEN_ESCALATION, "late", "reopen_escalation", SHARE, late_escalation[PC_LATE_REOPEN],
       "2%", "buyers who escalate to the platform when the entry is reopened")
PC_KEY(LATE_COMPENSATE_ESCALATION, "late", "compensate_escalation", SHARE,
       late_escalation[PC_LATE_COMPENSATE], "5%", "buyers who escalate when offered a compensation")
PC_KEY(LATE_REFUSE_ESCALATION, "late", "refuse_escalation", SHARE, late_escalation[PC_LATE_REFUSE],
       "30%", "buyers who escalate when refused (avoid refusing outright: docs/business.md §3)")

/* [path.unshipped], path 1 */
PC_KEY(P1_HANDLE, "path.unshipped", "handle", DIST, p1_handle, "lognormal(mean=3min, cv=0.5)",
       "agent time to check compensation, intercept the order and refund")
PC_KEY(INTERCEPT_FAILS, "path.unshipped", "intercept_fails", SHARE, intercept_fails, "5%",
       "interceptions that fail because the goods left anyway: the refund moves to in_transit")
PC_KEY(BATCH_EVERY, "path.unshipped", "batch_every", TIMEOUT, batch_every, "none",
       "batch refund tool (docs/business.md §2): the unshipped requests waiting are handled in one agent run, queued this often; none: no timed runs")
PC_KEY(BATCH_SIZE, "path.unshipped", "batch_size", COUNT, batch_size, "0",
       "batch refund tool: a run is queued as soon as this many requests wait; 0: no size trigger (with batch_every none too, no batches)")
PC_KEY(BATCH_SETUP, "path.unshipped", "batch_setup", DIST, batch_setup, "fixed(2min)",
       "agent time to start a batch run")
PC_KEY(BATCH_ITEM, "path.unshipped", "batch_item", DIST, batch_item, "lognormal(mean=30s, cv=0.5)",
       "agent time per request in a batch run, instead of handle")
PC_KEY(SHIP_DELAY, "path.unshipped", "ship_delay", DIST_NONE, ship_delay, "none",
       "time from the order until the goods leave the warehouse; given, an interception fails exactly when they left before the agent intercepts (instead of intercept_fails); needs arrival_curve none")

/* [path.in_transit], path 2 */
PC_KEY(P2_HANDLE, "path.in_transit", "handle", DIST, p2_handle, "lognormal(mean=4min, cv=0.5)",
       "agent time to ask the courier to intercept the parcel")
PC_KEY(COURIER_FEEDBACK, "path.in_transit", "courier_feedback", DIST, courier_feedback,
       "lognormal(mean=1.5h, sd=1h)", "wait for the courier's answer")
PC_KEY(RECALLED, "path.in_transit", "recalled", SHARE, recalled, "70%",
       "parcels the courier recalls (refund at once); the others are refused and come back")
PC_KEY(REFUSED_RETURN, "path.in_transit", "refused_return", DIST, refused_return,
       "lognormal(mean=3d, sd=1d)", "time for a refused parcel to come back")
PC_KEY(LOST_AFTER, "path.in_transit", "lost_after", DURATION_POS, lost_after, "5d",
       "a parcel not back after this is lost: refund or reship, the courier bears it (> 0)")
PC_KEY(COURIER_HOURS, "path.in_transit", "courier_hours", HOURS_RANGE, courier_open, "always",
       "when the courier answers, HH:MM-HH:MM (e.g. 09:00-21:00): an answer due outside comes at the next opening; always")

/* [path.received_no_return], path 3 */
PC_KEY(P3_HANDLE, "path.received_no_return", "handle", DIST, p3_handle,
       "lognormal(mean=6min, cv=0.6)", "agent time to decide a partial refund or compensation")
PC_KEY(AMOUNT, "path.received_no_return", "amount", DIST_CNY, amount, "lognormal(mean=40, sd=60)",
       "amount asked for, CNY")
PC_KEY(AGENT_AUTHORITY, "path.received_no_return", "agent_authority", NONNEG, agent_authority, "50",
       "CNY an agent may refund alone; above it a supervisor approves (>= 0)")
PC_KEY(APPROVAL, "path.received_no_return", "approval", DIST, approval,
       "lognormal(mean=3min, cv=0.5)", "supervisor time per approval")
PC_KEY(MISFILED, "path.received_no_return", "misfiled", SHARE, misfiled, "10%",
       "requests that should have been a return: moved to path return")

/* [path.return], path 4, the five segments (docs/business.md §2) */
PC_KEY(AGREE, "path.return", "agree", DIST, agree, "lognormal(mean=3min, cv=0.5)",
       "agent time to agree to the return")
PC_KEY(BUYER_SHIPS, "path.return", "buyer_ships", DIST, buyer_ships, "lognormal(mean=1.5d, sd=1d)",
       "buyer's delay before sending the goods back")
PC_KEY(TRANSIT, "path.return", "transit", DIST, transit, "lognormal(mean=2d, sd=0.5d)",
       "return transit to the warehouse")
PC_KEY(INSPECT, "path.return", "inspect", DIST, inspect, "lognormal(mean=5min, cv=0.5)",
       "inspector time per returned parcel")
PC_KEY(PAYOUT, "path.return", "payout", DIST, payout, "fixed(1min)",
       "agent time to pay the refund out")
PC_KEY(REFUND_ON_SIGNATURE, "path.return", "refund_on_signature", BOOL, refund_on_signature, "no",
       "yes: refund when the parcel is signed for, before inspection")
PC_KEY(WRONG_GOODS, "path.return", "wrong_goods", SHARE, wrong_goods, "2%",
       "returns with wrong or missing goods")
PC_KEY(WAREHOUSE_WAVES, "path.return", "warehouse_waves", WAVES, nwaves, "none",
       "times of day the courier delivers returns to the warehouse (e.g. 10:00, 15:00): a parcel waits for the next; none: as they arrive")

/* [after_sales] */
PC_KEY(CLAIMS, "after_sales", "claims", SHARE, claims, "100%",
       "after-sales cases (after_sales_ratio per refund) that are claims on received goods (售后维权, docs/business.md §1): refunds of paths received_no_return and return, counted in the metrics; the rest are enquiries, agent work of handle; or a forecast distribution (docs/forecast.md)")
PC_KEY(CLAIM_NO_RETURN, "after_sales", "claim_no_return", SHARE, claim_no_return, "40%",
       "claims asking a refund without return (received_no_return); the others return the goods; or a forecast distribution (docs/forecast.md)")
PC_KEY(AS_HANDLE, "after_sales", "handle", DIST, as_handle, "lognormal(mean=6min, cv=0.8)",
       "agent time per after-sales enquiry")
PC_KEY(CHASE_AFTER, "after_sales", "chase_after", TIMEOUT, chase_after, "none",
       "a refund still open this long after its request brings an enquiry where is my refund (退款到账查询, docs/business.md §1), and again as long after while it stays open; none for none")
PC_KEY(CATALOGUE, "after_sales", "catalogue", BOOL, catalogue, "no",
       "yes: the work comes as the kinds of the service catalogue (docs/business.md §1) below, whose ratios and handle times replace after_sales_ratio and handle")

/* [service.*], the service catalogue of after-sales work (docs/business.md §1) */
PC_KEY(SVC_PARCEL_RATIO, "service.where_is_my_parcel", "ratio", RATIO, service[PC_SVC_PARCEL].ratio, "14%",
       "where is my parcel (物流进度查询): cases per refund, with catalogue = yes")
PC_KEY(SVC_PARCEL_HANDLE, "service.where_is_my_parcel", "handle", DIST, service[PC_SVC_PARCEL].handle,
       "lognormal(mean=3min, cv=0.5)", "agent time per case")
PC_KEY(SVC_CHANGE_RATIO, "service.order_change", "ratio", RATIO, service[PC_SVC_CHANGE].ratio, "5%",
       "address, size or colour change before shipping (修改订单属性): cases per refund, with catalogue = yes")
PC_KEY(SVC_CHANGE_HANDLE, "service.order_change", "handle", DIST, service[PC_SVC_CHANGE].handle,
       "lognormal(mean=4min, cv=0.5)", "agent time per case")
PC_KEY(SVC_INVOICE_RATIO, "service.invoice", "ratio", RATIO, service[PC_SVC_INVOICE].ratio, "5%",
       "invoice requests (发票登记): cases per refund, with catalogue = yes")
PC_KEY(SVC_INVOICE_HANDLE, "service.invoice", "handle", DIST, service[PC_SVC_INVOICE].handle,
       "lognormal(mean=3min, cv=0.5)", "agent time per case")
PC_KEY(SVC_INVOICE_AFTER, "service.invoice", "follow_up_after", DIST_NONE, service[PC_SVC_INVOICE].follow_after,
       "lognormal(mean=2d, sd=1d)", "wait until finance has mailed the invoice; none: no follow-up")
PC_KEY(SVC_INVOICE_FOLLOW, "service.invoice", "follow_up", DIST, service[PC_SVC_INVOICE].follow_up,
       "lognormal(mean=2min, cv=0.5)", "agent time to send the buyer its tracking number")
PC_KEY(SVC_PRICE_RATIO, "service.price_protection", "ratio", RATIO, service[PC_SVC_PRICE].ratio, "6%",
       "price-protection and price-difference claims (价格保护, 差价): cases per refund, with catalogue = yes")
PC_KEY(SVC_PRICE_HANDLE, "service.price_protection", "handle", DIST, service[PC_SVC_PRICE].handle,
       "lognormal(mean=5min, cv=0.6)", "agent time per case")
PC_KEY(SVC_QUALITY_RATIO, "service.quality", "ratio", RATIO, service[PC_SVC_QUALITY].ratio, "5%",
       "quality complaints with photos (质量问题): cases per refund, with catalogue = yes")
PC_KEY(SVC_QUALITY_HANDLE, "service.quality", "handle", DIST, service[PC_SVC_QUALITY].handle,
       "lognormal(mean=8min, cv=0.6)", "agent time per case")
PC_KEY(SVC_WARRANTY_RATIO, "service.warranty", "ratio", RATIO, service[PC_SVC_WARRANTY].ratio, "1%",
       "warranty and repair (维修): cases per refund, with catalogue = yes")
PC_KEY(SVC_WARRANTY_HANDLE, "service.warranty", "handle", DIST, service[PC_SVC_WARRANTY].handle,
       "lognormal(mean=10min, cv=0.6)", "agent time per case")
PC_KEY(SVC_EXCHANGE_RATIO, "service.exchange", "ratio", RATIO, service[PC_SVC_EXCHANGE].ratio, "4%",
       "exchanges (换货): cases per refund, with catalogue = yes")
PC_KEY(SVC_EXCHANGE_HANDLE, "service.exchange", "handle", DIST, service[PC_SVC_EXCHANGE].handle,
       "lognormal(mean=6min, cv=0.5)", "agent time per case")
PC_KEY(SVC_EXCHANGE_AFTER, "service.exchange", "follow_up_after", DIST_NONE, service[PC_SVC_EXCHANGE].follow_after,
       "lognormal(mean=3.5d, sd=1.5d)", "wait until the return is in the warehouse; none: no follow-up")
PC_KEY(SVC_EXCHANGE_FOLLOW, "service.exchange", "follow_up", DIST, service[PC_SVC_EXCHANGE].follow_up,
       "lognormal(mean=5min, cv=0.5)", "agent time to ship the exchange order")

/* [platform] */
PC_KEY(RESPONSE_TIMEOUT, "platform", "seller_response_timeout", TIMEOUT, response_timeout, "48h",
       "a refund the seller has not answered by then is approved automatically; none for never")
PC_KEY(PROTECTION_PERIOD, "platform", "protection_period", DURATION_NONNEG, protection_period, "5d",
       "a buyer may escalate an unfinished refund this long after the request (>= 0)")
PC_KEY(PROCESSING_CYCLE, "platform", "processing_cycle", TIMEOUT, processing_cycle, "none",
       "the shop's own cycle to finish a refund, set against protection_period (5d in 2013, docs/business.md §3); none: the peak KPIs are left out of kpis.csv")
PC_KEY(ESCALATION_RATE, "platform", "escalation_rate", ESCALATION, escalation_rate, "10%/d",
       "share per day of unfinished refunds past the protection period that escalate (10%/d)")
PC_KEY(ESCALATION_HANDLE, "platform", "escalation_handle", DIST, escalation_handle, "fixed(20min)",
       "extra agent time per escalated refund")
PC_KEY(SELLER_RESPONSIBLE, "platform", "seller_responsible", SHARE, seller_responsible, "40%",
       "escalations judged seller-responsible, counted in the dispute refund rate")
PC_KEY(RULING, "platform", "ruling", DIST_NONE, ruling, "lognormal(mean=2d, sd=1d)",
       "escalation -> the platform's ruling, which ends the refund: refunded when judged seller-responsible, else closed; none: the refund goes on along its path")
PC_KEY(CANCEL, "platform", "cancel", SHARE, cancel, "0%",
       "refund requests the buyer cancels before the shop answers (the parcel came after all, a change of mind)")
PC_KEY(CANCEL_AFTER, "platform", "cancel_after", DIST, cancel_after, "lognormal(mean=6h, sd=6h)",
       "request -> the buyer's cancellation; none happens once the shop has answered")
PC_KEY(REJECT, "platform", "reject", REJECT, reject, "none",
       "refund requests the shop rejects at its first handling, by reason: quality, no_reason, not_received, other, each a share (e.g. no_reason 8%, other 5%), or none")
PC_KEY(AFTER_REJECT, "platform", "after_reject", REJECT_MIX, after_reject, "ask_again 50%, escalate 30%, give_up 20%",
       "what a rejected buyer does (ask_again, escalate, give_up), summing to 100%: asking again is handled once more and agreed; an escalation goes to the platform's ruling; giving up closes the refund")
PC_KEY(ASK_AGAIN_AFTER, "platform", "ask_again_after", DIST, ask_again_after, "lognormal(mean=1d, sd=1d)",
       "rejection -> the buyer asks again")
PC_KEY(BUYER_SHIP_TIMEOUT, "platform", "buyer_ship_timeout", TIMEOUT, buyer_ship_timeout, "7d",
       "a return the buyer has not shipped this long after the agreement is closed; none for never")
PC_KEY(RECEIPT_TIMEOUT, "platform", "receipt_timeout", TIMEOUT, receipt_timeout, "10d",
       "a returned parcel the shop has not paid out this long after the buyer shipped it is refunded automatically; none for never")

/* [presale], pre-sale chat and dual-skill agents (docs/business.md §1) */
PC_KEY(CHATS_PER_ORDER, "presale", "chats_per_order", RATIO, chats_per_order, "0%",
       "pre-sale chats per order, arriving with the orders; 0%: no pre-sale chat in the model; needs arrival_curve none")
PC_KEY(CHAT_HANDLE, "presale", "handle", DIST, chat_handle, "lognormal(mean=3min, cv=0.6)",
       "agent time per pre-sale chat")
PC_KEY(PATIENCE, "presale", "patience", DIST_NONE, chat_patience, "none",
       "how long a chat buyer waits for an answer before leaving (abandonment: with exponential patience and handle times the chat queue is Erlang A, M/M/c+M); none: never leaves")
PC_KEY(CONCURRENCY, "presale", "concurrency", COUNT, chat_concurrency, "1",
       "chats a pre-sale-only agent handles at once (>= 1); a dual-skill agent takes one at a time")
PC_KEY(DUAL_SKILL, "presale", "dual_skill", SHARE, dual_skill, "0%",
       "share of the agents on duty trained for both (双技能客服, docs/business.md §1): they also take pre-sale chats")
PC_KEY(PRIORITY_DAYS, "presale", "priority_days", DAYS, priority_days_text, "peak",
       "days on which a free dual-skill agent takes a chat before after-sales work: peak (the sales day with the largest daily_share), all, none, or dates YYYY-MM-DD, ...; on other days chats come second")

/* [staff.agent] */
PC_KEY(AGENT_SHIFTS, "staff.agent", "shifts", SHIFTS, staff[PC_RES_AGENT].shift, "day 09:00-18:00",
       "shifts as name HH:MM-HH:MM, 1 to 8; an end before the start runs past midnight")
PC_KEY(AGENT_ROSTER, "staff.agent", "roster", ROSTER, staff[PC_RES_AGENT].roster_text, "8",
       "headcount in every shift of every day, or a CSV date,shift,headcount or time_min,headcount; then optionally shift headcounts for every day, e.g. 8, night 3")
PC_KEY(AGENT_DISCIPLINE, "staff.agent", "discipline", DISCIPLINE, staff[PC_RES_AGENT].discipline,
       "fifo", "queue discipline: fifo; priority (tasks in the order of priority, fifo within); or age (the oldest request first, whatever the task)")
PC_KEY(AGENT_PRIORITY, "staff.agent", "priority", PRIORITY, staff[PC_RES_AGENT].priority_class,
       "escalation, unshipped, in_transit, received_no_return, return, payout, after_sales",
       "the agent's tasks, highest priority first (unlisted tasks come last)")
PC_KEY(AGENT_COST, "staff.agent", "cost", NONNEG, staff[PC_RES_AGENT].cost, "35",
       "CNY per staff-hour (>= 0)")
PC_KEY(AGENT_SHRINKAGE, "staff.agent", "shrinkage", SHARE, staff[PC_RES_AGENT].shrinkage, "0%",
       "share of the paid hours the agents are not available (breaks, meetings, absence), below 100%: in every hour on duty, headcount x (1 - shrinkage) answer on average (one person at 15%: a 9-minute break an hour); staff-hours stay the paid ones")
PC_KEY(AGENT_MIN, "staff.agent", "min_per_shift", COUNT, staff[PC_RES_AGENT].min_per_shift, "0",
       "fewest agents the planner may put on a shift")
PC_KEY(AGENT_MAX, "staff.agent", "max_per_shift", COUNT, staff[PC_RES_AGENT].max_per_shift, "500",
       "most agents the planner may put on a shift (>= min_per_shift)")

/* [staff.supervisor] */
PC_KEY(SUPERVISOR_SHIFTS, "staff.supervisor", "shifts", SHIFTS, staff[PC_RES_SUPERVISOR].shift,
       "day 09:00-21:00", "shifts as name HH:MM-HH:MM, 1 to 8; an end before the start runs past midnight")
PC_KEY(SUPERVISOR_ROSTER, "staff.supervisor", "roster", ROSTER, staff[PC_RES_SUPERVISOR].roster_text,
       "1", "headcount in every shift of every day, or a CSV date,shift,headcount or time_min,headcount; then optionally shift headcounts for every day, e.g. 8, night 3")
PC_KEY(SUPERVISOR_DISCIPLINE, "staff.supervisor", "discipline", DISCIPLINE,
       staff[PC_RES_SUPERVISOR].discipline, "fifo", "queue discipline: fifo, priority or age (the oldest request first)")
PC_KEY(SUPERVISOR_PRIORITY, "staff.supervisor", "priority", PRIORITY,
       staff[PC_RES_SUPERVISOR].priority_class, "approval",
       "the supervisor's tasks, highest priority first")
PC_KEY(SUPERVISOR_COST, "staff.supervisor", "cost", NONNEG, staff[PC_RES_SUPERVISOR].cost, "35",
       "CNY per staff-hour (>= 0)")
PC_KEY(SUPERVISOR_SHRINKAGE, "staff.supervisor", "shrinkage", SHARE, staff[PC_RES_SUPERVISOR].shrinkage, "0%",
       "share of the paid hours the supervisors are not available (breaks, meetings, absence), below 100%: in every hour on duty, headcount x (1 - shrinkage) answer on average (one person at 15%: a 9-minute break an hour); staff-hours stay the paid ones")
PC_KEY(SUPERVISOR_MIN, "staff.supervisor", "min_per_shift", COUNT,
       staff[PC_RES_SUPERVISOR].min_per_shift, "0", "fewest supervisors the planner may put on a shift")
PC_KEY(SUPERVISOR_MAX, "staff.supervisor", "max_per_shift", COUNT,
       staff[PC_RES_SUPERVISOR].max_per_shift, "500",
       "most supervisors the planner may put on a shift (>= min_per_shift)")

/* [staff.inspector] */
PC_KEY(INSPECTOR_SHIFTS, "staff.inspector", "shifts", SHIFTS, staff[PC_RES_INSPECTOR].shift,
       "day 08:00-20:00", "shifts as name HH:MM-HH:MM, 1 to 8; an end before the start runs past midnight")
PC_KEY(INSPECTOR_ROSTER, "staff.inspector", "roster", ROSTER, staff[PC_RES_INSPECTOR].roster_text,
       "2", "headcount in every shift of every day, or a CSV date,shift,headcount or time_min,headcount; then optionally shift headcounts for every day, e.g. 8, night 3")
PC_KEY(INSPECTOR_DISCIPLINE, "staff.inspector", "discipline", DISCIPLINE,
       staff[PC_RES_INSPECTOR].discipline, "fifo", "queue discipline: fifo, priority or age (the oldest request first)")
PC_KEY(INSPECTOR_PRIORITY, "staff.inspector", "priority", PRIORITY,
       staff[PC_RES_INSPECTOR].priority_class, "inspection",
       "the inspector's tasks, highest priority first")
PC_KEY(INSPECTOR_COST, "staff.inspector", "cost", NONNEG, staff[PC_RES_INSPECTOR].cost, "35",
       "CNY per staff-hour (>= 0)")
PC_KEY(INSPECTOR_SHRINKAGE, "staff.inspector", "shrinkage", SHARE, staff[PC_RES_INSPECTOR].shrinkage, "0%",
       "share of the paid hours the inspectors are not available (breaks, meetings, absence), below 100%: in every hour on duty, headcount x (1 - shrinkage) answer on average (one person at 15%: a 9-minute break an hour); staff-hours stay the paid ones")
PC_KEY(INSPECTOR_MIN, "staff.inspector", "min_per_shift", COUNT,
       staff[PC_RES_INSPECTOR].min_per_shift, "0", "fewest inspectors the planner may put on a shift")
PC_KEY(INSPECTOR_MAX, "staff.inspector", "max_per_shift", COUNT,
       staff[PC_RES_INSPECTOR].max_per_shift, "500",
       "most inspectors the planner may put on a shift (>= min_per_shift)")

/* [staff.presale], the pre-sale-only chat agents */
PC_KEY(PRESALE_SHIFTS, "staff.presale", "shifts", SHIFTS, staff[PC_STAFF_PRESALE].shift,
       "day 09:00-24:00", "shifts as name HH:MM-HH:MM, 1 to 8; an end before the start runs past midnight")
PC_KEY(PRESALE_ROSTER, "staff.presale", "roster", ROSTER, staff[PC_STAFF_PRESALE].roster_text, "0",
       "pre-sale-only agents in every shift of every day, or a CSV date,shift,headcount or time_min,headcount; they take chats only")
PC_KEY(PRESALE_COST, "staff.presale", "cost", NONNEG, staff[PC_STAFF_PRESALE].cost, "35",
       "CNY per staff-hour (>= 0)")
PC_KEY(PRESALE_SHRINKAGE, "staff.presale", "shrinkage", SHARE, staff[PC_STAFF_PRESALE].shrinkage, "0%",
       "share of the paid hours the pre-sale-only agents are not available (breaks, meetings, absence), below 100%: in every hour on duty, headcount x (1 - shrinkage) answer on average (one person at 15%: a 9-minute break an hour); staff-hours stay the paid ones")

/* [staff.reception], the after-sales reception agents (售后接待客服) */
PC_KEY(RECEPTION_SHIFTS, "staff.reception", "shifts", SHIFTS, staff[PC_STAFF_RECEPTION].shift,
       "day 09:00-24:00", "shifts as name HH:MM-HH:MM, 1 to 8; an end before the start runs past midnight")
PC_KEY(RECEPTION_ROSTER, "staff.reception", "roster", ROSTER, staff[PC_STAFF_RECEPTION].roster_text, "0",
       "after-sales reception agents in every shift of every day, or a CSV date,shift,headcount or time_min,headcount; with anyone on it they answer the enquiries (after_sales handle, the service catalogue, chase_after), otherwise the refund agents do")
PC_KEY(RECEPTION_COST, "staff.reception", "cost", NONNEG, staff[PC_STAFF_RECEPTION].cost, "30",
       "CNY per staff-hour (>= 0)")
PC_KEY(RECEPTION_SHRINKAGE, "staff.reception", "shrinkage", SHARE, staff[PC_STAFF_RECEPTION].shrinkage, "0%",
       "share of the paid hours the reception agents are not available, below 100%")

/* [sla] */
PC_KEY(SLA_FIRST_RESPONSE, "sla", "first_response", SLA, sla_first_response, "95% within 30min",
       "first answer to a refund request, as SHARE within DURATION, or none")
PC_KEY(SLA_REFUND_ONLY_HANDLED, "sla", "refund_only_handled", SLA, sla_refund_only_handled,
       "100% within 24h", "refund-only requests (paths 1 to 3) acted on by the shop (agreed, intercepted, courier asked, decided), from the request (docs/business.md §3); a platform timeout is not the shop's handling")
PC_KEY(SLA_REFUND_ONLY_DONE, "sla", "refund_only_done", SLA, sla_refund_only_done,
       "none", "refund-only refunds (paths 1 to 3) finished, from the request")
PC_KEY(SLA_RETURN_PAID, "sla", "return_paid", SLA, sla_return_paid, "95% within 24h",
       "returns paid out, from the parcel's arrival at the warehouse")
PC_KEY(SLA_ALL_DONE, "sla", "all_done", SLA, sla_all_done, "none",
       "every refund finished, from the request")
PC_KEY(SLA_SUPERVISOR_APPROVAL, "sla", "supervisor_approval", SLA, sla_supervisor_approval,
       "95% within 4h", "supervisor approvals, from the agent's request")
PC_KEY(SLA_PRESALE_RESPONSE, "sla", "presale_response", SLA, sla_presale_response,
       "80% within 1min", "pre-sale chats answered, from the buyer's first message")
PC_KEY(SLA_ENQUIRY_RESPONSE, "sla", "enquiry_response", SLA, sla_enquiry_response, "80% within 30min",
       "after-sales enquiries answered (by reception or the agents), from the buyer's message")
PC_KEY(SLA_DISPUTE_REFUND_RATE, "sla", "dispute_refund_rate", LIMIT, sla_dispute_max,
       "below 0.1%", "seller-responsible escalations per paid order, as below SHARE, or none")

/* [scorecard], the shop's level outside the promotion, for the rolling 30-day metrics (docs/business.md §4) */
PC_KEY(SCORE_ORDERS, "scorecard", "orders_per_day", NONNEG, score_orders_per_day, "0",
       "paid orders a day outside the promotion, in every 30-day window besides the promotion's (>= 0); 0: the scorecard counts the promotion alone")
PC_KEY(SCORE_RO_PER_DAY, "scorecard", "refund_only_per_day", NONNEG, score_ro_per_day, "0",
       "refund-only refunds completed a day outside the promotion (>= 0)")
PC_KEY(SCORE_RR_PER_DAY, "scorecard", "return_refund_per_day", NONNEG, score_rr_per_day, "0",
       "return-refunds completed a day outside the promotion (>= 0)")
PC_KEY(SCORE_RO_TIME, "scorecard", "refund_only_time", DURATION_NONNEG, score_ro_time, "24h",
       "their refund-only completion time (仅退款自主完结时长)")
PC_KEY(SCORE_RR_TIME, "scorecard", "return_refund_time", DURATION_NONNEG, score_rr_time, "5d",
       "their return-refund completion time (退货退款自主完结时长)")
PC_KEY(SCORE_DISPUTE, "scorecard", "dispute_rate", SHARE, score_dispute_rate, "0.05%",
       "dispute refund rate outside the promotion, per paid order")
PC_KEY(SCORE_QUALITY, "scorecard", "quality_rate", SHARE, score_quality_rate, "0.5%",
       "product-experience refund rate outside the promotion, per paid order")

/* [baseline], the closed form of docs/business.md §6 */
PC_KEY(BASELINE_CASES, "baseline", "cases_per_day", POSITIVE, baseline_cases_per_day, "100",
       "cases one agent handles a day, for the closed-form baseline (> 0)")
PC_KEY(BASELINE_DAYS, "baseline", "days", POSITIVE, baseline_days, "7",
       "days to finish all work in the baseline, a plain number of days (> 0)")

/* [plan], shift design and how plan judges targets */
PC_KEY(PLAN_JUDGED, "plan", "judged", JUDGED, plan_judged, "day",
       "period each SLA target must be met in by plan: day (every day of the horizon, first response by the day of the request), interval (first response in every interval of [simulation] interval, by the interval of the request, as WFM tools judge it; the other targets per day) or horizon (over the whole run)")
PC_KEY(PLAN_AGENT_PATTERNS, "plan", "agent_patterns", PATTERNS, plan_patterns[PC_RES_AGENT], "none",
       "none (plan staffs the listed shifts), or the shift patterns plan may design agent shifts from: starts HH:MM-HH:MM/STEP, lengths 8h 4h, break 1h (in shifts of 6 h or more), overnight yes/no, people MIN-MAX a day, change N a day, patterns N (1 to 8)")
PC_KEY(PLAN_SUPERVISOR_PATTERNS, "plan", "supervisor_patterns", PATTERNS,
       plan_patterns[PC_RES_SUPERVISOR], "none", "as agent_patterns, for supervisors")
PC_KEY(PLAN_INSPECTOR_PATTERNS, "plan", "inspector_patterns", PATTERNS, plan_patterns[PC_RES_INSPECTOR],
       "none", "as agent_patterns, for inspectors")
PC_KEY(PLAN_NIGHT_PREMIUM, "plan", "night_premium", RATIO, plan_night_premium, "0%",
       "extra pay for hours between 22:00 and 06:00 of designed shifts, share of cost")
PC_KEY(PLAN_PROMO_PREMIUM, "plan", "promo_premium", RATIO, plan_promo_premium, "0%",
       "extra pay for hours on sales days of designed shifts, share of cost")
PC_KEY(PLAN_BUDGET, "plan", "budget", MONEY_NONE, plan_budget, "none",
       "most CNY the designed shifts may cost over the horizon, or none; a plan above it is refused with the shortfall named")

/* [simulation] */
PC_KEY(SEED, "simulation", "seed", SEED, seed, "2026",
       "seed of the random streams, a whole number from 0 to 2^64-1")
PC_KEY(REPLICATIONS, "simulation", "replications", REPLICATIONS, replications, "20",
       "independent runs, 1 to 10000")
PC_KEY(INTERVAL, "simulation", "interval", INTERVAL, interval, "1h",
       "resolution of the time series, 1min to 1d, dividing 24h exactly")
