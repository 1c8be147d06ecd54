/*
 * metrics.c - the metric catalogue (definitions from stages/compute/METRICS.md,
 * which lists the same ids in the same order: tests/unit/test_metrics.c).
 */
#include "engage/metrics.h"

#include <string.h>

const struct eg_metric_def eg_metrics[EG_M_COUNT] = {
	[EG_M_ORDERS] = { "orders", "Orders", EG_METRIC_COUNT, NULL, EG_SRC_ORDERS,
			  "Count of orders, excluding test orders and fully cancelled orders.",
			  EG_DIR_HIGHER_BETTER },
	[EG_M_GROSS_REVENUE] = { "gross_revenue", "Gross revenue", EG_METRIC_MONEY, NULL,
				 EG_SRC_ORDERS, "Sum of order totals.", EG_DIR_HIGHER_BETTER },
	[EG_M_REFUNDS] = { "refunds", "Refunds", EG_METRIC_MONEY, NULL, EG_SRC_ORDERS,
			   "Refunded amounts, in the month of the refund when the source dates it "
			   "(a return invoice, a Stripe refund), else in the month of the order.",
			   EG_DIR_LOWER_BETTER },
	[EG_M_NET_REVENUE] = { "net_revenue", "Net revenue", EG_METRIC_MONEY, NULL, EG_SRC_ORDERS,
			       "Gross revenue minus refunded amounts.", EG_DIR_HIGHER_BETTER },
	[EG_M_AOV] = { "aov", "Average order value", EG_METRIC_MONEY, NULL, EG_SRC_ORDERS,
		       "Gross revenue / orders.", EG_DIR_HIGHER_BETTER },
	[EG_M_UNITS] = { "units", "Units sold", EG_METRIC_COUNT, NULL, EG_SRC_ORDERS,
			 "Units over all line items of the orders.", EG_DIR_HIGHER_BETTER },
	[EG_M_UNITS_PER_TRANSACTION] = { "units_per_transaction", "Units per transaction",
					 EG_METRIC_DECIMAL, "units per order", EG_SRC_ORDERS,
					 "Units / orders.", EG_DIR_HIGHER_BETTER },
	[EG_M_ACTIVE_CUSTOMERS] = { "active_customers", "Active customers", EG_METRIC_COUNT, NULL,
				    EG_SRC_ORDERS,
				    "Customers with at least one order in the month.",
				    EG_DIR_HIGHER_BETTER },
	[EG_M_NEW_CUSTOMERS] = { "new_customers", "New customers", EG_METRIC_COUNT, NULL,
				 EG_SRC_ORDERS, "Customers whose first order is in the month.",
				 EG_DIR_HIGHER_BETTER },
	[EG_M_RETURNING_CUSTOMERS] = { "returning_customers", "Returning customers",
				       EG_METRIC_COUNT, NULL, EG_SRC_ORDERS,
				       "Active customers whose first order is before the month.",
				       EG_DIR_HIGHER_BETTER },
	[EG_M_REPEAT_PURCHASE_RATE] = { "repeat_purchase_rate", "Repeat purchase rate",
					EG_METRIC_RATIO, NULL, EG_SRC_ORDERS,
					"Customers with 2 or more orders ever (up to the month's "
					"end) / "
					"customers with 1 or more orders ever.",
					EG_DIR_HIGHER_BETTER },
	[EG_M_PURCHASE_FREQUENCY] = { "purchase_frequency", "Purchase frequency", EG_METRIC_DECIMAL,
				      "orders per customer", EG_SRC_ORDERS,
				      "Orders of identified customers / active customers.",
				      EG_DIR_HIGHER_BETTER },
	[EG_M_REFUND_RATE] = { "refund_rate", "Refund rate", EG_METRIC_RATIO, NULL, EG_SRC_ORDERS,
			       "Orders with a refund, and return invoices, in the month / "
			       "orders.",
			       EG_DIR_LOWER_BETTER },
	[EG_M_REFUND_AMOUNT_RATE] = { "refund_amount_rate", "Refunded share of revenue",
				      EG_METRIC_RATIO, NULL, EG_SRC_ORDERS,
				      "Refunded amount / gross revenue.", EG_DIR_LOWER_BETTER },
	[EG_M_DISCOUNT_RATE] = { "discount_rate", "Discount rate", EG_METRIC_RATIO, NULL,
				 EG_SRC_ORDERS, "Orders with a discount / orders.",
				 EG_DIR_LOWER_BETTER },
	[EG_M_CHURN_RATE] = { "churn_rate", "Churn rate", EG_METRIC_RATIO, NULL, EG_SRC_ORDERS,
			      "Of the customers with an order in the churn window (365 days by "
			      "default) before the month, the share with no order in the window "
			      "that ends with the month.",
			      EG_DIR_LOWER_BETTER },
	[EG_M_RETENTION_RATE] = { "retention_rate", "Retention rate", EG_METRIC_RATIO, NULL,
				  EG_SRC_ORDERS, "100% minus the churn rate.",
				  EG_DIR_HIGHER_BETTER },
	[EG_M_RETURNING_REVENUE_SHARE] = { "returning_customer_revenue_share",
					   "Returning customers' revenue share", EG_METRIC_RATIO,
					   NULL, EG_SRC_ORDERS,
					   "Net revenue from customers whose first order is before "
					   "the month / net revenue.",
					   EG_DIR_HIGHER_BETTER },
	[EG_M_LOYALTY_PARTICIPATION] = { "loyalty_participation", "Loyalty programme participation",
					 EG_METRIC_RATIO, NULL, EG_SRC_LOYALTY,
					 "Active customers who are loyalty members / active "
					 "customers.",
					 EG_DIR_HIGHER_BETTER },
	[EG_M_LOYALTY_MEMBERS] = { "loyalty_members", "Loyalty programme members", EG_METRIC_COUNT,
				   NULL, EG_SRC_LOYALTY,
				   "Members of the loyalty programme who joined by the month's "
				   "end.",
				   EG_DIR_HIGHER_BETTER },
	[EG_M_REFERRALS] = { "referrals", "Referrals", EG_METRIC_COUNT, NULL, EG_SRC_LOYALTY,
			     "Completed referrals of those members, as the loyalty export counts "
			     "them.",
			     EG_DIR_HIGHER_BETTER },
	[EG_M_SESSIONS] = { "sessions", "Sessions", EG_METRIC_COUNT, NULL, EG_SRC_SESSIONS,
			    "Web sessions in the month (analytics export).", EG_DIR_HIGHER_BETTER },
	[EG_M_USERS] = { "users", "Users", EG_METRIC_COUNT, NULL, EG_SRC_SESSIONS,
			 "Users (visitors) in the month, summed over days and channels as "
			 "exported.",
			 EG_DIR_HIGHER_BETTER },
	[EG_M_NEW_USERS] = { "new_users", "New users", EG_METRIC_COUNT, NULL, EG_SRC_SESSIONS,
			     "First-time users in the month.", EG_DIR_HIGHER_BETTER },
	[EG_M_PRODUCT_VIEWS] = { "product_views", "Product views", EG_METRIC_COUNT, NULL,
				 EG_SRC_SESSIONS, "Product (item) views in the month.",
				 EG_DIR_HIGHER_BETTER },
	[EG_M_ADD_TO_CARTS] = { "add_to_carts", "Add-to-carts", EG_METRIC_COUNT, NULL,
				EG_SRC_SESSIONS, "Add-to-cart events in the month.",
				EG_DIR_HIGHER_BETTER },
	[EG_M_CHECKOUTS] = { "checkouts", "Checkouts", EG_METRIC_COUNT, NULL, EG_SRC_SESSIONS,
			     "Checkouts begun in the month.", EG_DIR_HIGHER_BETTER },
	[EG_M_PURCHASES] = { "purchases", "Purchases", EG_METRIC_COUNT, NULL, EG_SRC_SESSIONS,
			     "Purchases the analytics export counts in the month.",
			     EG_DIR_HIGHER_BETTER },
	[EG_M_CONVERSION_RATE] = { "conversion_rate", "Conversion rate", EG_METRIC_RATIO, NULL,
				   EG_SRC_SESSIONS,
				   "Purchases / sessions (orders when the analytics export has no "
				   "purchases).",
				   EG_DIR_HIGHER_BETTER },
	[EG_M_CONVERSION_RATE_USERS] = { "conversion_rate_users", "Conversion rate per user",
					 EG_METRIC_RATIO, NULL, EG_SRC_SESSIONS,
					 "Purchases / users.", EG_DIR_HIGHER_BETTER },
	[EG_M_CART_ABANDONMENT_RATE] = { "cart_abandonment_rate", "Cart abandonment rate",
					 EG_METRIC_RATIO, NULL, EG_SRC_SESSIONS,
					 "1 - purchases / add-to-carts.", EG_DIR_LOWER_BETTER },
	[EG_M_RETURNING_VISITOR_RATE] = { "returning_visitor_rate", "Returning visitor rate",
					  EG_METRIC_RATIO, NULL, EG_SRC_SESSIONS,
					  "(Users - new users) / users.", EG_DIR_HIGHER_BETTER },
	[EG_M_REVENUE_PER_VISITOR] = { "revenue_per_visitor", "Revenue per visitor",
				       EG_METRIC_MONEY, NULL, EG_SRC_SESSIONS,
				       "Net revenue / users.", EG_DIR_HIGHER_BETTER },
	[EG_M_AVERAGE_ENGAGEMENT_TIME] = { "average_engagement_time", "Average engagement time",
					   EG_METRIC_DECIMAL, "seconds per user", EG_SRC_SESSIONS,
					   "Engagement seconds / users.", EG_DIR_HIGHER_BETTER },
	[EG_M_ENGAGED_SESSION_RATE] = { "engaged_session_rate", "Engaged session rate",
					EG_METRIC_RATIO, NULL, EG_SRC_SESSIONS,
					"Engaged sessions / sessions.", EG_DIR_HIGHER_BETTER },
	[EG_M_NPS] = { "nps", "Net Promoter Score", EG_METRIC_DECIMAL, "score", EG_SRC_RESPONSES,
		       "% promoters (9-10) - % detractors (0-6) of the NPS responses (0-10 "
		       "scale); passives are 7-8.",
		       EG_DIR_HIGHER_BETTER },
	[EG_M_NPS_RESPONSES] = { "nps_responses", "NPS responses", EG_METRIC_COUNT, NULL,
				 EG_SRC_RESPONSES, "NPS survey responses in the month.",
				 EG_DIR_NEUTRAL },
	[EG_M_NPS_PROMOTERS] = { "nps_promoters", "NPS promoters", EG_METRIC_COUNT, NULL,
				 EG_SRC_RESPONSES, "NPS responses of 9 or 10.",
				 EG_DIR_HIGHER_BETTER },
	[EG_M_NPS_PASSIVES] = { "nps_passives", "NPS passives", EG_METRIC_COUNT, NULL,
				EG_SRC_RESPONSES, "NPS responses of 7 or 8.", EG_DIR_NEUTRAL },
	[EG_M_NPS_DETRACTORS] = { "nps_detractors", "NPS detractors", EG_METRIC_COUNT, NULL,
				  EG_SRC_RESPONSES, "NPS responses of 0 to 6.",
				  EG_DIR_LOWER_BETTER },
	[EG_M_CSAT] = { "csat", "Customer satisfaction (CSAT)", EG_METRIC_RATIO, NULL,
			EG_SRC_RESPONSES,
			"Share of CSAT responses at the top two points of the scale (4-5 of 5).",
			EG_DIR_HIGHER_BETTER },
	[EG_M_CSAT_RESPONSES] = { "csat_responses", "CSAT responses", EG_METRIC_COUNT, NULL,
				  EG_SRC_RESPONSES, "CSAT survey responses in the month.",
				  EG_DIR_NEUTRAL },
	[EG_M_CES] = { "ces", "Customer effort score (CES)", EG_METRIC_DECIMAL, "score",
		       EG_SRC_RESPONSES,
		       "Mean effort score on its scale (1-7: how much the customer agrees the "
		       "company made it easy).",
		       EG_DIR_HIGHER_BETTER },
	[EG_M_CES_HIGH_EFFORT_RATE] = { "ces_high_effort_rate", "High-effort share",
					EG_METRIC_RATIO, NULL, EG_SRC_RESPONSES,
					"Share of CES responses reporting high effort (the bottom "
					"three points of the 1-7 scale).",
					EG_DIR_LOWER_BETTER },
	[EG_M_CES_RESPONSES] = { "ces_responses", "CES responses", EG_METRIC_COUNT, NULL,
				 EG_SRC_RESPONSES, "CES survey responses in the month.",
				 EG_DIR_NEUTRAL },
	[EG_M_TICKETS] = { "tickets", "Support tickets", EG_METRIC_COUNT, NULL, EG_SRC_TICKETS,
			   "Support tickets created in the month.", EG_DIR_LOWER_BETTER },
	[EG_M_TICKETS_PER_100_ORDERS] = { "tickets_per_100_orders", "Tickets per 100 orders",
					  EG_METRIC_DECIMAL, "tickets per 100 orders",
					  EG_SRC_TICKETS, "Support tickets / orders x 100.",
					  EG_DIR_LOWER_BETTER },
	[EG_M_MEDIAN_RESOLUTION_HOURS] = { "median_resolution_hours", "Median resolution time",
					   EG_METRIC_DECIMAL, "hours", EG_SRC_TICKETS,
					   "Median hours from ticket created to solved, of the "
					   "tickets solved in the month.",
					   EG_DIR_LOWER_BETTER },
	[EG_M_EMAILS_DELIVERED] = { "emails_delivered", "Emails delivered", EG_METRIC_COUNT, NULL,
				    EG_SRC_EMAIL, "Sends delivered (sent and not bounced).",
				    EG_DIR_HIGHER_BETTER },
	[EG_M_EMAIL_OPENS] = { "email_opens", "Unique email opens", EG_METRIC_COUNT, NULL,
			       EG_SRC_EMAIL, "Delivered sends that were opened.",
			       EG_DIR_HIGHER_BETTER },
	[EG_M_EMAIL_CLICKS] = { "email_clicks", "Unique email clicks", EG_METRIC_COUNT, NULL,
				EG_SRC_EMAIL, "Delivered sends that were clicked.",
				EG_DIR_HIGHER_BETTER },
	[EG_M_OPEN_RATE] = { "open_rate", "Open rate", EG_METRIC_RATIO, NULL, EG_SRC_EMAIL,
			     "Unique opens / delivered sends of email campaigns, Apple privacy "
			     "(machine) opens included as the platforms count them; flows and "
			     "the rate without those opens are on the Email sheet.",
			     EG_DIR_HIGHER_BETTER },
	[EG_M_CLICK_RATE] = { "click_rate", "Click rate", EG_METRIC_RATIO, NULL, EG_SRC_EMAIL,
			      "Unique clicks / delivered sends.", EG_DIR_HIGHER_BETTER },
	[EG_M_UNSUBSCRIBE_RATE] = { "unsubscribe_rate", "Unsubscribe rate", EG_METRIC_RATIO, NULL,
				    EG_SRC_EMAIL, "Unsubscribes / delivered sends.",
				    EG_DIR_LOWER_BETTER },
	[EG_M_BOUNCE_RATE] = { "bounce_rate", "Bounce rate", EG_METRIC_RATIO, NULL, EG_SRC_EMAIL,
			       "Bounces / sends.", EG_DIR_LOWER_BETTER },
	[EG_M_MARKETING_ENGAGED_CUSTOMERS] = { "marketing_engaged_customers",
					       "Marketing-engaged customers", EG_METRIC_COUNT, NULL,
					       EG_SRC_EMAIL,
					       "Customers with an email open or click in the 90 "
					       "days "
					       "up to the month's end.",
					       EG_DIR_HIGHER_BETTER },
	[EG_M_MARKETING_SPEND] = { "marketing_spend", "Marketing spend", EG_METRIC_MONEY, NULL,
				   EG_SRC_SPEND,
				   "Amount spent on ads (and affiliate commission) in the month, "
				   "from the ad platforms' exports.",
				   EG_DIR_NEUTRAL },
	[EG_M_CAC] = { "cac", "Customer acquisition cost (CAC)", EG_METRIC_MONEY, NULL,
		       EG_SRC_SPEND, "Marketing spend / new customers.", EG_DIR_LOWER_BETTER },
	[EG_M_ROAS] = { "roas", "Return on ad spend (ROAS)", EG_METRIC_DECIMAL,
			"revenue per unit of spend", EG_SRC_SPEND,
			"Net revenue / marketing spend, all of the month's revenue (not only what "
			"the platforms attribute to their ads).",
			EG_DIR_HIGHER_BETTER },
};

const struct eg_metric_def *eg_metric_find(const char *id)
{
	size_t i;

	for (i = 0; i < EG_M_COUNT; i++)
		if (strcmp(eg_metrics[i].id, id) == 0)
			return &eg_metrics[i];
	return NULL;
}

int eg_metric_change_news(const char *id, double change)
{
	const struct eg_metric_def *m = eg_metric_find(id);
	int sign = (change > 0) - (change < 0);

	if (!m)
		return 0;
	switch (m->direction) {
	case EG_DIR_HIGHER_BETTER: return sign;
	case EG_DIR_LOWER_BETTER: return -sign;
	case EG_DIR_UNDECLARED:
	case EG_DIR_NEUTRAL: break;
	}
	return 0;
}

const char *eg_metric_absent_note(enum eg_metric_source s)
{
	switch (s) {
	case EG_SRC_ORDERS: return "no orders";
	case EG_SRC_LOYALTY: return "no loyalty programme export";
	case EG_SRC_SESSIONS: return "no web analytics export";
	case EG_SRC_RESPONSES: return "no survey export";
	case EG_SRC_TICKETS: return "no support tickets export";
	case EG_SRC_EMAIL: return "no email activity export";
	case EG_SRC_SPEND: return "no ad spend export";
	}
	return "";
}
