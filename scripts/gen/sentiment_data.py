#!/usr/bin/env python3
"""Generate the synthetic English sentiment data set shipped in examples/sentiment/.

Sentences are built from hand-written templates and word lists covering movie,
restaurant, product, hotel and book reviews. The templates deliberately mix
easy cases with ones a small model gets wrong: negation, contrast where the
clause after "but" decides, intensifiers and downtoners, sarcasm, and phrasings
whose polarity is carried by a single function word ("the only good thing" vs
"the only bad thing"). A small fraction of training labels is flipped so that
the models do not see a perfectly clean signal.

Everything is driven by one seeded random.Random, so the output is identical on
every run:

    .venv/bin/python -m scripts.gen.sentiment_data           # rewrite the three files
    .venv/bin/python -m scripts.gen.sentiment_data --check   # exit 1 when one is stale
"""

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SEED = 20240611
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "examples" / "sentiment"
SPLIT_SIZES = (("train", 2200), ("dev", 400), ("test", 400))
TRAIN_NOISE_RATE = 0.03
POS, NEG = "positive", "negative"


@dataclass(frozen=True)
class AspectGroup:
    """Nouns that share a set of fitting adjectives ("the soup" is bland, not rude)."""

    nouns: tuple
    pos: tuple
    neg: tuple


@dataclass(frozen=True)
class Domain:
    """The vocabulary of one kind of review."""

    things: tuple  # the reviewed item as a noun phrase
    noun: tuple  # what "What a ... !" exclaims about
    groups: tuple  # AspectGroup
    openers: tuple  # neutral context sentences; "{name}" is filled from names
    names: tuple  # titles and places; empty where the item itself is named
    good_events: tuple  # past-tense clauses describing something that went well
    bad_events: tuple
    good_verdicts: tuple
    bad_verdicts: tuple
    consume: str  # gerund phrase: "I regret {consume} ..."
    promo: str  # something that can outshine the real thing
    copulas: tuple = ("was",)  # product reviews also use the present tense


# Adjectives that fit any aspect. "Extreme" ones read badly with "very" or
# "slightly", so they only take absolute intensifiers.
GENERIC_POS = ("good", "great", "enjoyable", "pleasant", "impressive", "lovely", "nice", "decent")
GENERIC_NEG = ("bad", "poor", "disappointing", "mediocre", "dull", "lackluster", "underwhelming", "forgettable")
EXTREME_POS = ("excellent", "superb", "outstanding", "fantastic", "brilliant", "wonderful", "perfect")
EXTREME_NEG = ("terrible", "awful", "dreadful", "horrible", "appalling", "atrocious", "abysmal")

INTENSIFIERS = ("very", "really", "incredibly", "extremely", "genuinely", "remarkably", "so", "truly")
EXTREME_INTENSIFIERS = ("absolutely", "truly", "simply", "utterly")
DOWNTONERS = {
    POS: ("fairly", "reasonably", "pretty", "mostly", "quite"),
    NEG: ("slightly", "somewhat", "a bit", "a little", "rather", "mildly"),
}

DOMAINS = (
    Domain(
        things=("the movie", "the film", "this film", "the sequel", "the documentary", "the new thriller",
                "this comedy", "the animated feature", "the remake"),
        noun=("film", "movie", "night at the cinema"),
        groups=(
            AspectGroup(("plot", "story", "script", "ending", "twist", "premise"),
                        ("gripping", "clever", "original", "surprising", "touching", "moving"),
                        ("predictable", "confusing", "clumsy", "silly", "contrived", "pointless")),
            AspectGroup(("acting", "lead performance", "cast", "casting", "villain"),
                        ("convincing", "charismatic", "moving", "natural", "powerful"),
                        ("wooden", "stiff", "flat", "unconvincing", "hammy")),
            AspectGroup(("soundtrack", "score", "cinematography", "camera work", "lighting"),
                        ("stunning", "gorgeous", "atmospheric", "beautiful", "haunting"),
                        ("bland", "jarring", "ugly", "grating", "cheap")),
            AspectGroup(("pacing", "editing", "running time", "first act"),
                        ("tight", "brisk", "confident", "well judged"),
                        ("sluggish", "choppy", "messy", "uneven", "bloated")),
        ),
        openers=("I watched {name} last night.", "We saw {name} at the cinema on Friday.",
                 "Finally got around to watching {name}.", "My sister dragged me to see {name}."),
        names=("The Last Lighthouse", "Midnight in Vilnius", "Paper Giants", "Red Orchard", "Signal Lost",
               "The Quiet Harbor"),
        good_events=("the twist actually surprised me", "the whole theater laughed out loud",
                     "the final scene gave me chills", "every actor nailed their role",
                     "two hours flew by like twenty minutes"),
        bad_events=("the ending made no sense", "the plot had more holes than a sponge",
                    "the actors mumbled every line", "the film dragged on for three hours",
                    "I guessed the twist in the first ten minutes", "half the audience fell asleep"),
        good_verdicts=("I'd watch it again", "it was worth the ticket", "I'm glad I saw it",
                       "it's my favorite film this year"),
        bad_verdicts=("I wouldn't bother", "it wasn't worth the ticket", "I want those two hours back",
                      "I'll be skipping the sequel"),
        consume="watching",
        promo="the trailer",
    ),
    Domain(
        things=("the restaurant", "this place", "the bistro", "the new taco spot", "the diner", "the cafe",
                "the sushi bar", "the pizzeria"),
        noun=("meal", "dinner", "lunch", "evening out"),
        groups=(
            AspectGroup(("food", "pasta", "steak", "dessert", "soup", "bread", "curry", "pizza"),
                        ("delicious", "fresh", "flavorful", "tasty", "perfectly seasoned", "mouthwatering"),
                        ("bland", "greasy", "soggy", "stale", "overcooked", "salty")),
            AspectGroup(("service", "staff", "waiter", "host", "manager"),
                        ("friendly", "attentive", "quick", "welcoming", "helpful"),
                        ("rude", "slow", "careless", "unfriendly", "dismissive")),
            AspectGroup(("atmosphere", "decor", "dining room", "terrace"),
                        ("cozy", "charming", "relaxed", "inviting", "elegant"),
                        ("noisy", "cramped", "gloomy", "tacky", "chaotic")),
        ),
        openers=("We had dinner at {name} on Saturday.", "I stopped by {name} for lunch.",
                 "We celebrated my birthday at {name}.", "A friend took me to {name} last week."),
        names=("the Blue Heron", "Casa Lupe", "Golden Wok", "Trattoria Nonna", "the Corner Grill",
               "Saffron House"),
        good_events=("the chef came out to greet us", "the food arrived within minutes",
                     "they remembered my allergy without being reminded", "dessert was on the house",
                     "the waiter found us a table even though we had no booking"),
        bad_events=("the soup arrived cold", "we waited an hour for a table", "they forgot our order twice",
                    "the bill had three extra items on it", "my steak came out raw",
                    "I found a hair in my salad"),
        good_verdicts=("I'll definitely be back", "it was worth every penny",
                       "we are already planning our next visit", "it's our new favorite spot"),
        bad_verdicts=("I won't be going back", "it wasn't worth the money", "we left hungry",
                      "we'll be eating elsewhere from now on"),
        consume="eating there",
        promo="the menu",
    ),
    Domain(
        # Battery-powered gadgets only, so that every aspect below fits every item.
        things=("the headset", "this laptop", "the smartwatch", "this phone", "the tablet", "the e-reader",
                "the wireless speaker", "this camera", "the fitness tracker", "the robot vacuum"),
        noun=("purchase", "product", "gadget", "buy"),
        groups=(
            AspectGroup(("build quality", "design", "finish", "casing", "material"),
                        ("sturdy", "sleek", "durable", "solid", "elegant"),
                        ("flimsy", "cheap", "fragile", "clunky", "ugly")),
            AspectGroup(("battery life", "performance", "battery", "charging", "bluetooth connection"),
                        ("reliable", "strong", "consistent", "dependable"),
                        ("unreliable", "weak", "inconsistent", "patchy")),
            AspectGroup(("price", "cost", "price tag"),
                        ("reasonable", "fair", "affordable"),
                        ("steep", "outrageous", "inflated")),
            AspectGroup(("setup", "manual", "app", "customer support", "user guide"),
                        ("simple", "clear", "helpful", "easy to follow"),
                        ("confusing", "useless", "frustrating", "unhelpful")),
        ),
        openers=("I bought {name} last month.", "I've been using {name} for a few weeks.",
                 "Ordered {name} online after reading the reviews.", "My partner gave me {name} as a gift."),
        names=(),  # openers name the reviewed gadget itself
        good_events=("it arrived a day early", "the battery lasted all week", "setup took two minutes",
                     "it survived a fall down the stairs", "support replaced it the very next day"),
        bad_events=("it stopped working after two days", "the battery died by noon",
                    "the charging port came loose on the first day", "it arrived with a cracked screen",
                    "the strap broke within a week", "support hung up on me twice"),
        good_verdicts=("I'd buy it again", "it was worth every penny", "I've already ordered a second one",
                       "it's the best thing I've bought all year"),
        bad_verdicts=("I'm sending it back", "save your money", "I regret buying it",
                      "it's going straight back in the box"),
        consume="buying",
        promo="the packaging",
        copulas=("is", "was"),
    ),
    Domain(
        things=("the hotel", "this resort", "the guesthouse", "the hostel", "the inn", "our room",
                "the beach resort", "the lodge"),
        noun=("stay", "weekend away", "holiday", "trip"),
        groups=(
            AspectGroup(("room", "bathroom", "bed", "balcony", "suite"),
                        ("spotless", "comfortable", "spacious", "quiet", "bright"),
                        ("filthy", "cramped", "shabby", "dirty", "stuffy")),
            AspectGroup(("staff", "front desk", "reception", "concierge", "housekeeping"),
                        ("welcoming", "helpful", "friendly", "professional", "attentive"),
                        ("unhelpful", "rude", "indifferent", "slow", "disorganized")),
            AspectGroup(("breakfast", "buffet", "hotel restaurant", "room service"),
                        ("generous", "delicious", "fresh", "varied"),
                        ("meager", "bland", "stale", "overpriced")),
            AspectGroup(("view", "garden", "pool", "beach"),
                        ("breathtaking", "peaceful", "beautiful", "lovely"),
                        ("depressing", "overcrowded", "ugly", "neglected")),
        ),
        openers=("We stayed at {name} for three nights.", "I spent a weekend at {name}.",
                 "We booked {name} for our honeymoon.", "I stayed at {name} on a work trip."),
        names=("Hotel Marisol", "the Harbor View Inn", "the Grand Alpine", "Pension Rosa", "the Lakeside Lodge"),
        good_events=("they upgraded us to a suite", "the staff carried our bags up five floors",
                     "breakfast was served on the terrace", "the view from the balcony took my breath away",
                     "housekeeping left fresh flowers every day"),
        bad_events=("the shower ran cold every morning", "the wifi never worked", "the room smelled of smoke",
                    "we were woken by construction at six", "the sheets had stains on them",
                    "our reservation had vanished"),
        good_verdicts=("we'd happily stay again", "it was worth every penny", "I'd recommend it to anyone",
                       "we've already booked for next summer"),
        bad_verdicts=("we checked out early", "we will not stay there again",
                      "I'd recommend staying anywhere else", "it ruined our holiday"),
        consume="staying there",
        promo="the photos on the website",
    ),
    Domain(
        things=("the novel", "this book", "the memoir", "the sequel", "the short story collection",
                "the audiobook", "this thriller"),
        noun=("read", "book", "novel"),
        groups=(
            AspectGroup(("writing", "prose", "style", "translation", "dialogue"),
                        ("elegant", "vivid", "witty", "lyrical", "beautifully crafted"),
                        ("clumsy", "overwritten", "dry", "repetitive", "stilted")),
            AspectGroup(("main character", "heroine", "narrator", "villain", "protagonist"),
                        ("believable", "memorable", "complex", "likeable", "fascinating"),
                        ("shallow", "annoying", "flat", "unlikeable", "cartoonish")),
            AspectGroup(("plot", "ending", "middle section", "pacing", "final chapter"),
                        ("gripping", "satisfying", "clever", "tense", "surprising"),
                        ("tedious", "predictable", "rushed", "confusing", "slow")),
        ),
        openers=("I just finished {name}.", "Our book club read {name} this month.",
                 "I picked up {name} at the airport.", "A colleague lent me {name}."),
        names=("The Salt Road", "A Winter in Lisbon", "Ashes of June", "The Cartographer's Daughter",
               "Nine Small Lies"),
        good_events=("I finished it in one sitting", "I stayed up until three to finish it",
                     "the last chapter made me cry", "I've already lent it to two friends",
                     "I missed my stop because I couldn't stop reading"),
        bad_events=("I gave up after fifty pages", "the last chapter made no sense",
                    "I kept falling asleep while reading it", "the same joke appeared on every page",
                    "the ending just stopped mid-scene"),
        good_verdicts=("I couldn't put it down", "I'd read it again", "it's going straight onto my favorites shelf",
                       "I'll be reading everything this author writes"),
        bad_verdicts=("I wouldn't bother", "I'm donating my copy", "it wasn't worth the paper",
                      "I won't be reading the sequel"),
        consume="reading",
        promo="the cover",
    ),
)

# Whole-review idioms; several contain a negation but are positive, or vice versa.
IDIOMS = {
    POS: ("Worth every penny.", "Highly recommended.", "Two thumbs up.", "Five stars, no question.",
          "Exceeded all my expectations.", "I have no complaints.", "I can't recommend it enough.",
          "Could not have been happier.", "I'd do it all again in a heartbeat.", "Absolutely worth it.",
          "A real gem.", "Pure joy from start to finish.", "No regrets whatsoever.", "Nothing to complain about.",
          "Made my week.", "Better than I ever imagined."),
    NEG: ("Never again.", "Avoid at all costs.", "A complete waste of money.", "I want my money back.",
          "Would not recommend.", "Fell far short of my expectations.", "Nothing special.",
          "I'd give it zero stars if I could.", "What a letdown.", "Save yourself the trouble.",
          "Not worth the hype.", "I regret every minute of it.", "A total disappointment.",
          "I expected so much more.", "Not for me, and probably not for you either.", "Hard pass."),
}
PREFIXES = ("Honestly, ", "To be honest, ", "Frankly, ", "In my opinion, ", "I have to say, ", "Overall, ")
SUMMARIES = ("Overall", "All in all", "In the end", "On balance", "Bottom line")
SHOPS = ("Voltix", "Gadget World", "customer service")  # who gets thanked in product reviews
TIME_WASTED = ("two hours", "ninety minutes", "three hours", "whole evening", "entire weekend", "afternoon")


def cap(text):
    return text[:1].upper() + text[1:]


@dataclass
class Review:
    """One sentence's setting, so that all its clauses talk about the same item in the same tense."""

    domain: Domain
    thing: str
    copula: str
    used_aspects: list = field(default_factory=list)
    introduced: bool = False


def new_review(rng):
    domain = rng.choice(DOMAINS)
    return Review(domain, rng.choice(domain.things), rng.choice(domain.copulas))


def pick_aspect(rng, review):
    """A random (group, noun) pair not yet used in this review, so that two clauses
    never contradict each other about the same aspect."""
    while True:
        group = rng.choice(review.domain.groups)
        noun = rng.choice(group.nouns)
        if noun not in review.used_aspects:
            review.used_aspects.append(noun)
            return group, noun


def adjective(rng, group, polarity, attributive=False):
    """Pick an adjective of the given polarity that fits the aspect group.

    With group=None only adjectives that fit any subject are used. Returns
    (word, is_extreme). Attributive use ("the slow service") rules out
    multi-word adjectives such as "easy to follow"."""
    generic = GENERIC_POS if polarity == POS else GENERIC_NEG
    extreme = EXTREME_POS if polarity == POS else EXTREME_NEG
    pools = (generic, extreme)
    if group is not None:
        specific = group.pos if polarity == POS else group.neg
        pools += (specific, specific)
    while True:
        pool = rng.choice(pools)
        word = rng.choice(pool)
        if not (attributive and " " in word):
            return word, pool is extreme


def modified_adjective(rng, group, polarity):
    """An adjective with an optional intensifier or downtoner; neither changes polarity."""
    word, is_extreme = adjective(rng, group, polarity)
    roll = rng.random()
    if " " in word or roll < 0.45:
        return word
    if is_extreme:
        return f"{rng.choice(EXTREME_INTENSIFIERS)} {word}"
    if roll < 0.8:
        return f"{rng.choice(INTENSIFIERS)} {word}"
    return f"{rng.choice(DOWNTONERS[polarity])} {word}"


def flip(polarity):
    return NEG if polarity == POS else POS


def plain_clause(rng, review, polarity, about_thing=0.2):
    group, noun = pick_aspect(rng, review)
    if not review.introduced and rng.random() < about_thing:
        subject, group = review.thing, None
    else:
        subject = f"the {noun}"
    return f"{subject} {review.copula} {modified_adjective(rng, group, polarity)}"


def negated_clause(rng, review, polarity):
    """A clause of the given polarity that is expressed by negating the opposite."""
    group, noun = pick_aspect(rng, review)
    adj, is_extreme = adjective(rng, group, flip(polarity))
    forms = ["{s} {neg} {a}", "{s} {neg} {a} at all", "{s} {c} far from {a}"]
    if polarity == NEG:
        forms += ["{s} {c} anything but {a}"]
        # "not very superb" is not English; degree words only go with gradable adjectives.
        forms += [] if is_extreme else ["{s} {neg} particularly {a}", "{s} {neg} very {a}"]
    else:
        forms += ["{s} {c} never {a}", "{s} {c} not the least bit {a}"]
    negation = rng.choice((f"{review.copula} not", f"{review.copula}n't"))
    return rng.choice(forms).format(s=f"the {noun}", c=review.copula, neg=negation, a=adj)


def verb_clause(rng, review, polarity):
    _, noun = pick_aspect(rng, review)
    if polarity == POS:
        verb = rng.choice(("loved", "enjoyed", "adored", "appreciated", "liked", "didn't mind",
                           "couldn't fault", "had no problem with"))
    else:
        verb = rng.choice(("hated", "disliked", "couldn't stand", "was annoyed by", "didn't like",
                           "didn't enjoy", "couldn't get past", "had a problem with"))
    return f"I {verb} the {noun}"


def clause(rng, review, polarity):
    """Any clause of the given polarity; contrast and verdict templates build on these."""
    roll = rng.random()
    if roll < 0.55:
        return plain_clause(rng, review, polarity)
    if roll < 0.8:
        return negated_clause(rng, review, polarity)
    return verb_clause(rng, review, polarity)


def with_prefix(rng, text, prob=0.12):
    """Sometimes lead in with a sentiment-neutral hedge such as "Honestly,"."""
    if rng.random() >= prob:
        return text
    keep_case = text.startswith(("I ", "I'"))
    return rng.choice(PREFIXES) + (text if keep_case else text[:1].lower() + text[1:])


def end(rng, text, exclaim_prob=0.12):
    return text + ("!" if rng.random() < exclaim_prob else ".")


def opener(rng, review):
    """A neutral first sentence that names the item; from then on clauses talk about its
    aspects only, so that "We stayed at Hotel Marisol." is not followed by "The hostel was..."."""
    review.introduced = True
    names = review.domain.names or (review.thing,)
    return rng.choice(review.domain.openers).format(name=rng.choice(names))


def verdict(rng, review, polarity):
    return rng.choice(review.domain.good_verdicts if polarity == POS else review.domain.bad_verdicts)


# Each generator returns (text, label). They are sampled in proportion to
# CATEGORY_WEIGHTS below.

def gen_plain(rng):
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    roll = rng.random()
    if roll < 0.5:
        text = with_prefix(rng, end(rng, cap(plain_clause(rng, review, polarity))))
    elif roll < 0.65:
        adj, _ = adjective(rng, None, polarity, attributive=True)
        article = "an" if adj[0] in "aeiou" else "a"
        text = f"What {article} {adj} {rng.choice(review.domain.noun)}" + rng.choice(("!", "."))
    elif roll < 0.8:
        text = with_prefix(rng, end(rng, cap(verb_clause(rng, review, polarity))))
    elif roll < 0.9:
        text = f"{opener(rng, review)} {end(rng, cap(plain_clause(rng, review, polarity)))}"
    else:
        first = plain_clause(rng, review, polarity)
        second = plain_clause(rng, review, polarity, about_thing=0)
        text = with_prefix(rng, end(rng, cap(f"{first} and {second}")))
    return text, polarity


def gen_negation(rng):
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    thing = review.thing
    roll = rng.random()
    if roll < 0.6:
        text = with_prefix(rng, end(rng, cap(negated_clause(rng, review, polarity)), 0.05))
    elif roll < 0.75:
        group, noun = pick_aspect(rng, review)
        adj, _ = adjective(rng, group, flip(polarity))
        form = rng.choice(("Nothing about the {n} {c} {a}.", "There was nothing {a} about the {n}.",
                           "I wouldn't call the {n} {a}."))
        text = form.format(n=noun, c=review.copula, a=adj)
    elif roll < 0.85:
        if polarity == POS:
            text = rng.choice((f"{cap(thing)}? Not bad at all.", f"{cap(thing)} was not bad.",
                               f"{cap(thing)} was never disappointing.", f"{cap(thing)} never once let me down.",
                               f"I can't say a bad word about {thing}."))
        else:
            text = rng.choice((f"{cap(thing)} was not good at all.", f"{cap(thing)} was never enjoyable.",
                               f"{cap(thing)} did not live up to the hype.", f"I can't say I liked {thing}.",
                               f"I can't say a good word about {thing}."))
    else:
        # "Not only ... but" contains a negation yet both halves share one polarity.
        group1, noun1 = pick_aspect(rng, review)
        group2, noun2 = pick_aspect(rng, review)
        adj1, _ = adjective(rng, group1, polarity)
        adj2, _ = adjective(rng, group2, polarity)
        text = f"Not only was the {noun1} {adj1}, but the {noun2} was {adj2} too."
    return text, polarity


def gen_contrast(rng):
    """Two clauses of opposite polarity; the main clause (after "but") decides."""
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    minor = clause(rng, review, flip(polarity))
    major = clause(rng, review, polarity)
    roll = rng.random()
    if roll < 0.3:
        text = f"{cap(minor)}, but {rng.choice(('', 'honestly ', 'overall ', 'in the end '))}{major}."
    elif roll < 0.5:
        conj = rng.choice(("Although", "Even though", "While", "Though"))
        text = f"{conj} {minor}, {major}."
    elif roll < 0.65:
        conj = rng.choice(("However", "Still", "That said", "Even so", "Nevertheless"))
        text = f"{cap(minor)}. {conj}, {major}."
    elif roll < 0.8:
        conj = rng.choice(("although", "even though", "though", "despite the fact that"))
        text = f"{cap(major)}, {conj} {minor}."
    else:
        group, noun = pick_aspect(rng, review)
        adj, _ = adjective(rng, group, flip(polarity), attributive=True)
        text = f"Despite the {adj} {noun}, {major}."
    return text, polarity


def gen_verdict(rng):
    """Mixed details followed by an explicit overall verdict, which decides."""
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    parts = [opener(rng, review)] if rng.random() < 0.4 else []
    parts += [cap(clause(rng, review, rng.choice((POS, NEG)))) + "." for _ in range(rng.choice((1, 2)))]
    parts.append(f"{rng.choice(SUMMARIES)}, {verdict(rng, review, polarity)}.")
    return " ".join(parts), polarity


def gen_idiom(rng):
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    idiom = rng.choice(IDIOMS[polarity])
    roll = rng.random()
    if roll < 0.5:
        text = f"{opener(rng, review)} {idiom}"
    elif roll < 0.8:
        text = f"{idiom} {cap(verdict(rng, review, polarity))}."
    else:
        text = f"{cap(review.thing)}? {idiom}"
    return text, polarity


def gen_rating(rng):
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    if rng.random() < 0.5:
        score = rng.choice((7, 8, 9, 10) if polarity == POS else (1, 2, 3, 4))
        aside = "and well deserved" if polarity == POS else "and that's generous"
        rating = rng.choice((f"I'd give it {score} out of 10.", f"{score}/10.", f"{score} out of 10, {aside}."))
    else:
        stars = rng.choice((4, 5) if polarity == POS else (1, 2))
        unit = "star" if stars == 1 else "stars"
        rating = rng.choice((f"{stars} {unit}.", f"{stars} out of 5 stars.", f"I'm giving it {stars} {unit}."))
    if rng.random() < 0.5:
        lead = opener(rng, review)
    else:
        lead = end(rng, cap(plain_clause(rng, review, polarity)), 0)
    return f"{lead} {rating}", polarity


def gen_comparative(rng):
    review = new_review(rng)
    polarity = rng.choice((POS, NEG))
    thing = cap(review.thing)
    degree = rng.choice(("", "much ", "far ", "a lot ", "way "))
    better = "better" if polarity == POS else "worse"
    reference = rng.choice(("I expected", "the reviews suggested", "the last one I tried",
                            "anything else I've tried this year", "my friends made it sound"))
    roll = rng.random()
    if roll < 0.45:
        text = f"{thing} was {degree}{better} than {reference}."
    elif roll < 0.6:
        text = f"{thing} was even {better} than {'I had hoped' if polarity == POS else 'I had feared'}."
    elif roll < 0.75:
        adj, _ = adjective(rng, None, POS, attributive=True)
        reference = rng.choice(("I had hoped", "the reviews promised", "everyone said"))
        text = (f"{thing} was every bit as {adj} as {reference}." if polarity == POS
                else f"{thing} was not as {adj} as {reference}.")
    elif roll < 0.88:
        promo = review.domain.promo
        text = (f"{thing} was so much better than {promo} suggested." if polarity == POS
                else f"{cap(promo)} was better than {review.thing} itself.")
    elif polarity == POS:
        text = rng.choice(("It could hardly have been better.", "I've never had better.", "Nothing else comes close."))
    else:
        text = rng.choice(("It could have been so much better.", "I've had far better.",
                           "I've seen better, to be honest."))
    return text, polarity


def gen_sarcasm(rng):
    """Positive surface words around a bad event, plus sincere uses of the same frames."""
    review = new_review(rng)
    polarity = NEG if rng.random() < 0.7 else POS
    domain = review.domain
    event = rng.choice(domain.bad_events if polarity == NEG else domain.good_events)
    praise = rng.choice(EXTREME_POS + ("impressive", "memorable", "special"))
    frames = [
        "Wow, {e}. Truly {p}.",
        "Love how {e}.",
        "Thanks, {n}, {e}. Really made my day.",
        "And of course {e}. {P}.",
    ]
    if polarity == NEG:
        frames += [
            "Oh great, another {t} of my life gone.",
            "Oh wonderful, {e}.",
            "Just what I needed after a long week: {e}.",
            "{E}. Five stars, would definitely suffer again.",
            "Brilliant. {E}. Just brilliant.",
            "Yeah, because {e} is exactly what everyone wants.",
        ]
    else:
        frames += ["What a treat: {e}!", "{E}. I'm still smiling."]
    text = rng.choice(frames).format(e=event, E=cap(event), p=praise, P=cap(praise),
                                     n=rng.choice(domain.names or SHOPS), t=rng.choice(TIME_WASTED))
    return text, polarity


def gen_hard(rng):
    """Phrasings where one function word or the frame decides the polarity."""
    review = new_review(rng)
    thing, consume = review.thing, review.domain.consume
    group, noun = pick_aspect(rng, review)
    _, other = pick_aspect(rng, review)
    pos_adj, _ = adjective(rng, group, POS, attributive=True)
    neg_adj, _ = adjective(rng, group, NEG, attributive=True)
    options = (
        (f"I expected to hate {thing}, but I ended up loving it.", POS),
        (f"I expected to love {thing}, but I ended up hating it.", NEG),
        (f"I really wanted to like {thing}.", NEG),
        (f"I wanted to love {thing}, I really did.", NEG),
        (f"I didn't expect to enjoy {thing}, and yet here we are.", POS),
        (f"If only the {noun} had been as {pos_adj} as the {other}.", NEG),
        (f"{cap(thing)} was anything but {pos_adj}.", NEG),
        (f"{cap(thing)} was anything but {neg_adj}.", POS),
        (f"The only good thing about {thing} was the {noun}.", NEG),
        (f"The only bad thing about {thing} was the {noun}.", POS),
        (f"The only thing I didn't like was the {noun}.", POS),
        (f"The {noun} was the only thing I liked.", NEG),
        (f"I can't think of a single thing I disliked about {thing}.", POS),
        (f"I can't think of a single thing I liked about {thing}.", NEG),
        (f"Not once did I regret {consume} {thing}.", POS),
        (f"I regret {consume} {thing}.", NEG),
        (f"Hard not to love {thing}.", POS),
        (f"Hard to see why anyone would like {thing}.", NEG),
        (f"It's hard to find fault with {thing}.", POS),
        (f"I struggled to find anything good about {thing}.", NEG),
        (f"{cap(thing)} never fails to impress.", POS),
        (f"{cap(thing)} never fails to disappoint.", NEG),
        (f"{cap(thing)} could not have been better.", POS),
        (f"{cap(thing)} could not have been worse.", NEG),
        (f"Not even the {noun} could save {thing}.", NEG),
        (f"Not even the {neg_adj} {noun} could ruin {thing}.", POS),
        (f"Who knew {thing} could be so {pos_adj}?", POS),
        (f"Who knew {thing} could be so {neg_adj}?", NEG),
        (f"The {noun} more than made up for the {neg_adj} {other}.", POS),
        (f"The {neg_adj} {noun} ruined what could have been a great {rng.choice(review.domain.noun)}.", NEG),
    )
    return rng.choice(options)


# Percentages. Plain statements are kept to a minority: a pretrained model gets
# nearly all of them right, and the interesting attention maps are elsewhere.
CATEGORY_WEIGHTS = (
    (gen_plain, 16), (gen_negation, 16), (gen_contrast, 22), (gen_verdict, 6), (gen_idiom, 7),
    (gen_rating, 4), (gen_comparative, 6), (gen_sarcasm, 10), (gen_hard, 13),
)


def generate(rng, total):
    """Draw unique (text, label) pairs until `total` are collected.

    The category is drawn first so that proportions hold even though small
    template families run out of new sentences sooner than large ones."""
    generators = [g for g, _ in CATEGORY_WEIGHTS]
    weights = [w for _, w in CATEGORY_WEIGHTS]
    examples = {}
    while len(examples) < total:
        gen = rng.choices(generators, weights)[0]
        text, label = gen(rng)
        text = " ".join(text.split())
        examples.setdefault(text, label)
    return list(examples.items())


def add_label_noise(rng, rows, rate):
    """Flip the labels of a fixed fraction of rows (real data sets are never perfectly labelled)."""
    flipped = set(rng.sample(range(len(rows)), round(rate * len(rows))))
    return [(text, flip(label) if i in flipped else label) for i, (text, label) in enumerate(rows)]


def split_file(split, rows):
    """The bytes of one split's .tsv file."""
    lines = ["id\ttext\tlabel\n"]
    for i, (text, label) in enumerate(rows, start=1):
        assert "\t" not in text and "\n" not in text
        lines.append(f"{split}-{i:05d}\t{text}\t{label}\n")
    return "".join(lines).encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a file in --out differs from what would be generated")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    rows = generate(rng, sum(size for _, size in SPLIT_SIZES))
    rng.shuffle(rows)

    files, summary = {}, []
    start = 0
    for split, size in SPLIT_SIZES:
        part = rows[start:start + size]
        start += size
        if split == "train":
            part = add_label_noise(rng, part, TRAIN_NOISE_RATE)
        files[args.out / f"{split}.tsv"] = split_file(split, part)
        n_pos = sum(label == POS for _, label in part)
        summary.append(f"{split}: {len(part)} sentences, {n_pos} positive, {len(part) - n_pos} negative")
    if args.check:
        stale = [path for path, data in files.items() if not path.exists() or path.read_bytes() != data]
        for path in stale:
            print(f"{path} is stale; rerun .venv/bin/python -m scripts.gen.sentiment_data", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
