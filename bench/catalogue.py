"""The vocabulary the synthetic workspaces are written from.

A subscription product's lifecycle, from discovery to advocacy: teams, touchpoints,
research, persona archetypes, and for each stage the actions, thoughts, pain points and
KPIs a real team would write. Generated maps combine these, so their text has the length
and variety of hand-written maps, which is what parsing, layout and reports spend time on.
"""

from __future__ import annotations

from dataclasses import dataclass

TEAMS = (
    ("marketing", "Marketing", "Website, paid and organic acquisition, reviews and referrals."),
    ("sales", "Sales", "Account executives, SDRs and the deal desk."),
    ("growth", "Growth", "Self-serve sign-up, checkout and lifecycle email."),
    ("product", "Core Product", "The app, its set-up wizard and in-app messages."),
    ("support", "Customer Support", "Help centre and chat, first line for every customer."),
    ("customer-success", "Customer Success", "Onboarding calls, business reviews and NPS."),
    ("billing", "Finance Operations", "Invoices, the billing portal and renewal notices."),
)

# id, name, channel, owning team
TOUCHPOINTS = {
    "awareness": (
        ("search-ads", "Search ads", "search", "marketing"),
        ("review-sites", "Software review sites", "web", "marketing"),
        ("social-posts", "Posts in professional networks", "social", "marketing"),
        ("peer-recommendation", "Recommendation from a peer", "word-of-mouth", "marketing"),
    ),
    "consideration": (
        ("product-website", "Product website", "web", "marketing"),
        ("pricing-page", "Pricing page", "web", "marketing"),
        ("demo-video", "Recorded product demo", "video", "marketing"),
        ("sales-chat", "Sales chat on the website", "chat", "sales"),
    ),
    "purchase": (
        ("checkout", "Online checkout", "web", "growth"),
        ("quote-form", "Quote request form", "web", "sales"),
        ("order-confirmation", "Order confirmation email", "email", "billing"),
        ("contract-esign", "Contract for e-signature", "email", "sales"),
    ),
    "onboarding": (
        ("welcome-email", "Welcome email series", "email", "growth"),
        ("setup-wizard", "Set-up wizard", "app", "product"),
        ("help-center", "Help centre", "web", "support"),
        ("kickoff-call", "Onboarding kickoff call", "video", "customer-success"),
    ),
    "retention": (
        ("mobile-app", "Mobile app", "app", "product"),
        ("in-app-messages", "In-app messages", "push", "product"),
        ("support-chat", "Support chat", "chat", "support"),
        ("invoice-email", "Invoice email", "email", "billing"),
        ("renewal-notice", "Renewal notice", "email", "billing"),
    ),
    "advocacy": (
        ("nps-survey", "NPS survey", "email", "customer-success"),
        ("referral-page", "Referral programme page", "web", "marketing"),
        ("user-community", "User community forum", "social", "marketing"),
        ("review-request", "Review request email", "email", "marketing"),
    ),
}

# id, kind, title, sample size, summary
EVIDENCE = (
    (
        "customer-interviews",
        "interview",
        "Customer interviews, last two quarters",
        18,
        "Eighteen 45-minute interviews with new and long-standing customers. Set-up effort "
        "and surprises on the first invoice were the most mentioned moments.",
    ),
    ("exit-survey", "survey", "Cancellation exit survey", 412, None),
    (
        "funnel-analytics",
        "analytics",
        "Sign-up and activation funnel, last 90 days",
        9630,
        "31% of sign-ups reach first value within a week; most drop-off happens between "
        "the set-up wizard and the first invitation.",
    ),
    ("support-tickets", "support-tickets", "Support tickets tagged set-up and billing", 527, None),
    ("app-store-reviews", "reviews", "App store and review-site ratings", 240, None),
    (
        "onboarding-usability-test",
        "usability-test",
        "Moderated test of the first-week experience",
        8,
        "Eight participants set up an account from scratch; five needed help to import data.",
    ),
    ("store-visits", "observation", "Contextual visits at customer offices", 6, None),
    ("nps-verbatims", "survey", "Relationship NPS with verbatims", 560, None),
    ("win-loss-interviews", "interview", "Win/loss interviews with buyers", 22, None),
    ("renewal-assumption", "assumption", "Buyers read the renewal notice when it arrives", 0, None),
)

RESEARCH = tuple(entry[0] for entry in EVIDENCE if entry[1] != "assumption")


@dataclass(frozen=True)
class Archetype:
    """A persona the generator can put on a map."""

    id: str
    name: str
    segment: str
    role: str
    quote: str
    goals: tuple[str, ...]
    frustrations: tuple[str, ...]


ARCHETYPES = (
    Archetype(
        "ops-olivia",
        "Ops Olivia",
        "Mid-market professional services",
        "Head of Delivery Operations",
        "Show me my real projects in an afternoon, or I move on.",
        ("See capacity for every project before Monday", "Replace the master spreadsheet"),
        ("Trials that expire during procurement", "Importers that reject her files"),
    ),
    Archetype(
        "finance-farid",
        "Finance Farid",
        "Mid-market professional services",
        "Finance Director",
        "I'm happy to pay for it. I'm not happy to be surprised by it.",
        ("Know the full annual cost before approving", "Invoices that pass first time"),
        ("Per-seat prices with no total", "Price rises after the budget is set"),
    ),
    Archetype(
        "founder-fatima",
        "Founder Fatima",
        "Small business, under 20 employees",
        "Founder and managing director",
        "If it needs a consultant to set up, it is not for us.",
        ("Get the team on one tool this month", "Pay monthly without a contract"),
        ("Sales calls before she has tried anything", "Features hidden behind plans"),
    ),
    Archetype(
        "it-ivan",
        "IT Ivan",
        "Enterprise, over 2,000 employees",
        "IT security lead",
        "Send me the documents and I will tell you when we can go live.",
        ("Approve tools that pass the security review", "Single sign-on for every app"),
        ("Questionnaires answered by email one by one", "Vendors without a trust centre"),
    ),
    Archetype(
        "student-sam",
        "Student Sam",
        "Students and early-career users",
        "Graduate student",
        "Free is good. Free and fast is better.",
        ("Finish the project before the deadline", "Keep costs at zero"),
        ("Paywalls in the middle of a task", "Apps that need a laptop"),
    ),
    Archetype(
        "manager-maya",
        "Manager Maya",
        "Mid-market retail",
        "Store operations manager",
        "My team will use it if it works on the shop floor.",
        ("Plan shifts for three stores in one place", "Fewer calls on her day off"),
        ("Training that takes staff off the floor", "Reports she cannot export"),
    ),
    Archetype(
        "analyst-arjun",
        "Analyst Arjun",
        "Enterprise financial services",
        "Business analyst",
        "Give me an export and an API and I will do the rest.",
        ("Get data out without asking IT", "Automate the weekly report"),
        ("Rate limits on the API", "Exports that drop columns"),
    ),
    Archetype(
        "buyer-bea",
        "Procurement Bea",
        "Public sector",
        "Procurement officer",
        "The framework agreement decides, not the demo.",
        ("Buy through an approved framework", "Clear terms on data location"),
        ("Quotes that do not match the framework", "Vendors who miss tender deadlines"),
    ),
)


@dataclass(frozen=True)
class StageVocabulary:
    """What customers do, think and suffer in one lifecycle stage."""

    id: str
    name: str
    customer_goal: str
    business_goal: str
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    thoughts: tuple[str, ...]
    pains: tuple[str, ...]
    kpis: tuple[tuple[str, float, float, str, str], ...]  # name, target, actual, unit, better


STAGES = (
    StageVocabulary(
        "awareness",
        "Discover",
        "Find two or three credible tools that fit the team's size.",
        "Get onto the shortlist of companies of the right size.",
        ("Reads", "Skims", "Bookmarks", "Shares with a colleague"),
        (
            "a comparison article about planning tools",
            "reviews from companies of a similar size",
            "a thread where peers recommend tools",
            "an ad that promises set-up in an afternoon",
            "a case study from a competitor's customer",
            "a blog post about capacity planning",
        ),
        (
            "Is this built for teams like ours or for software teams?",
            "Has anyone our size actually rolled this out?",
            "How much would this cost us, roughly?",
            "I have seen this name twice this week.",
        ),
        (
            "Reviews do not say which company sizes the product suits",
            "Ads promise features that only the top plan includes",
            "Peers cannot find the product when they search for it",
        ),
        (("Visitors from review sites", 12000, 9800, "visits", "higher"),),
    ),
    StageVocabulary(
        "consideration",
        "Evaluate",
        "Decide whether the product is worth a trial.",
        "Turn qualified visitors into trials.",
        ("Compares", "Watches", "Asks sales about", "Forwards to the buyer"),
        (
            "the plans on the pricing page",
            "the recorded product demo",
            "the security and data-location answers",
            "the integrations with the tools already in use",
            "the difference between the two middle plans",
        ),
        (
            "Is this priced per editor or per everyone who logs in?",
            "Finance will ask what this costs for the whole company.",
            "Why is the most useful feature on the most expensive plan?",
            "I need to see this with our own data before I believe it.",
        ),
        (
            "Buyers cannot tell whether view-only users need a paid seat",
            "The demo shows data nothing like the customer's",
            "Sales chat answers only during US office hours",
        ),
        (("Pricing page visitors who start a trial", 6, 4.2, "%", "higher"),),
    ),
    StageVocabulary(
        "purchase",
        "Buy",
        "Buy the right plan without surprises.",
        "Convert trials to paid plans within three weeks.",
        ("Completes", "Requests", "Signs", "Pays for"),
        (
            "the checkout with a company card",
            "a quote for forty users",
            "the order form sent by sales",
            "the annual plan after the trial",
            "the purchase order the vendor asked for",
        ),
        (
            "Why does checkout ask for the VAT number twice?",
            "The trial ends on Friday and the contract is not signed.",
            "Twelve percent off for annual. Fine.",
            "I hope the price on the invoice is the one on the quote.",
        ),
        (
            "The trial locks while the contract is still in review",
            "Checkout rejects company cards from some banks",
            "The quote and the order form show different totals",
        ),
        (
            ("Trials converting to a paid plan", 18, 12.5, "%", "higher"),
            ("Days from quote to signature", 14, 23, "days", "lower"),
        ),
    ),
    StageVocabulary(
        "onboarding",
        "Get started",
        "Get the whole team using the product in the first month.",
        "Reach first value within seven days of purchase.",
        ("Imports", "Sets up", "Invites", "Follows"),
        (
            "last quarter's plan from a spreadsheet",
            "the team's projects in the set-up wizard",
            "four project leads to their projects",
            "the getting-started checklist",
            "the kickoff call agenda with the success manager",
        ),
        (
            "Why does the import reject our date format?",
            "If they do not log in this week, nobody will.",
            "I explained all of this to sales already.",
            "That is the over-booking we only found out about last month.",
        ),
        (
            "The spreadsheet import rejects European date formats",
            "The customer repeats their goals at the kickoff call",
            "Invitation emails land in the spam folder",
        ),
        (("Accounts reaching first value within 7 days", 40, 31, "%", "higher"),),
    ),
    StageVocabulary(
        "retention",
        "Use and renew",
        "Get value every week and justify the spend at renewal.",
        "Renew at least 92% of revenue.",
        ("Checks", "Reviews", "Pays", "Renews"),
        (
            "the capacity dashboard before the Monday call",
            "usage with the success manager at the business review",
            "the annual invoice from the billing portal",
            "the plan after reading the renewal notice",
            "the mobile app on the way to a client",
        ),
        (
            "Utilisation is up from 71% to 80%. That is the slide for the board.",
            "The invoice has no purchase-order number again.",
            "A nine percent uplift, thirty days before renewal?",
            "The app is slow on the train but it works.",
        ),
        (
            "Invoices miss the purchase-order number and bounce",
            "Price changes reach the buyer only 30 days before renewal",
            "The mobile app logs users out every day",
        ),
        (
            ("Gross revenue retention", 92, 88, "%", "higher"),
            ("Support tickets per 100 accounts", 12, 17, "tickets", "lower"),
        ),
    ),
    StageVocabulary(
        "advocacy",
        "Recommend",
        "Share what worked with peers.",
        "Turn promoters into reviews and referrals.",
        ("Answers", "Writes", "Recommends", "Presents"),
        (
            "the NPS survey",
            "a public review on a review site",
            "the product in the user community",
            "her set-up at a community meetup",
            "the referral link to two peers",
        ),
        (
            "Happy to write a review if it takes five minutes.",
            "Three people asked me how we fixed resourcing.",
            "Does the referral credit show on the next invoice?",
        ),
        (
            "The referral credit does not appear on the invoice",
            "Review requests arrive right after a support ticket",
        ),
        (("Relationship NPS", 45, 38, "points", "higher"),),
    ),
)

EMOTION_LABELS = {
    -2: ("frustrated", "panicked", "angry"),
    -1: ("unsure", "impatient", "wary"),
    0: ("neutral", "businesslike", "curious"),
    1: ("hopeful", "relieved", "confident"),
    2: ("delighted", "proud", "excited"),
}

EMOTION_NOTES = {
    -2: "Loses an evening to it and says so in the interview.",
    -1: "Cannot tell what happens next.",
    0: "Does what is asked without much thought.",
    1: "It works the way they expected.",
    2: "The moment the interviews call getting it.",
}

ACTORS = ("A colleague in finance", "Peers in the community", "The customer's IT team")

DOMAINS = (
    "planning software",
    "payroll service",
    "online grocery",
    "mobile banking",
    "home insurance",
    "fitness membership",
    "furniture retail",
    "telecom broadband",
    "car leasing",
    "language courses",
)
