"""Demo data for the Guide tab: Lena's slow-travel blog, its pillars, voice and rules.

The starter pillars are renamed (not replaced), so content that another demo module already
filed under a starter pillar follows the new name. Deterministic: ``today`` is not used.
"""

from __future__ import annotations

from datetime import date

from scripts.demo import say
from storage import guide as guide
from storage.datafile import Plan


def pillars() -> tuple[tuple[str, str, int, bool], ...]:
    """(name, description, target, promotional), in place of the starter pillars, in order."""
    return (
        (
            say("Itineraries", "Itinéraires"),
            say(
                "Routes by train and bus, step by step, with prices and timings",
                "Les trajets en train et en bus, étape par étape, avec prix et horaires",
            ),
            40,
            False,
        ),
        (
            say("Slow travel stories", "Récits de voyage lent"),
            say(
                "Night trains, small towns, the people met on the way",
                "Trains de nuit, petites villes, les gens croisés en chemin",
            ),
            25,
            False,
        ),
        (
            say("Community", "Communauté"),
            say(
                "Readers' trips, questions answered, meet-ups at the station café",
                "Les voyages des lecteurs, leurs questions, les rendez-vous au café de la gare",
            ),
            20,
            False,
        ),
        (
            say("Guides & workshops", "Guides et ateliers"),
            say(
                "The paid route guides and the planning workshop",
                "Les guides d'itinéraires payants et l'atelier pour préparer son voyage",
            ),
            15,
            True,
        ),
    )


def seed(plan: Plan, today: date) -> None:
    """Write Lena's guide over the starter one."""
    del today
    with plan.batch():
        starter = guide.list_pillars(plan)
        for index, (name, description, target, promotional) in enumerate(pillars()):
            if index < len(starter):
                guide.update_pillar(plan, starter[index].id, name=name, description=description,
                                    target=target, promotional=promotional)
            else:
                guide.add_pillar(plan, name, description, target, promotional)
        guide.update_guide(
            plan,
            purpose=say(
                "Make slow travel feel easy: every reader should be able to book a trip by train "
                "after reading a post.\n\nGoal for 2027: **1,500 newsletter subscribers** and "
                "one sold-out planning workshop a month.",
                "Rendre le voyage lent facile\u00a0: après chaque billet, le lecteur doit pouvoir "
                "réserver son voyage en train.\n\nObjectif 2027\u00a0: **1\u202f500 abonnés à "
                "l'infolettre** et un atelier de préparation affiché complet chaque mois.",
            ),
            audience=say(
                "- People who want to travel without flying but think it is complicated.\n"
                "- Families planning a summer by train (été sans avion).\n"
                "- Rail fans who know the timetables better than Lena — they correct her, kindly.",
                "- Ceux qui veulent voyager sans avion mais croient que c'est compliqué.\n"
                "- Les familles qui préparent un été en train (#sansavion).\n"
                "- Les passionnés du rail qui connaissent les horaires mieux que Lena\u00a0: ils "
                "la corrigent, gentiment.",
            ),
            voice=say(
                "- **Warm**: write like a letter to a friend; say *we* when we travelled together.\n"
                "- **Precise**: prices, times, platform numbers. No vague \"it's easy\".\n"
                "- **Honest**: missed connections and bad coffee are part of the story.",
                "- **Chaleureuse**\u00a0: écrire comme on écrit à une amie; dire *on* quand on "
                "a voyagé ensemble.\n"
                "- **Précise**\u00a0: prix, horaires, numéros de quai. Pas de "
                "«\u00a0c'est facile\u00a0» sans les détails.\n"
                "- **Honnête**\u00a0: les correspondances ratées et le mauvais café font partie "
                "du récit.",
            ),
            channel_notes={
                "blog": say(
                    "Long form, a map and a budget box in every itinerary.",
                    "Format long, une carte et un encadré budget dans chaque itinéraire.",
                ),
                "x": say(
                    "One striking detail per post, a link, no thread longer than 4.",
                    "Un détail marquant par message, un lien, pas de fil de plus de 4 messages.",
                ),
                "mastodon": say(
                    "Conversational; tag #slowtravel; answer every reply the same day.",
                    "Ton de conversation; hashtag #voyagelent; répondre à chaque réponse le "
                    "jour même.",
                ),
                "youtube": say(
                    "Short films from the train window; the route in the description.",
                    "Courts films tournés depuis la fenêtre du train; le trajet en description.",
                ),
            },
            commenting=say(
                "- Answer every comment within 24 hours (weekends: Monday morning).\n"
                "- A correction from a reader: thank them publicly and fix the post.\n"
                "- Criticism of the paid guides: answer once with facts, then offer an email.\n"
                "- Never answer flight-shaming fights: slow travel is an invitation, not a sermon.",
                "- Répondre à chaque commentaire en moins de 24\u00a0heures (le week-end\u00a0: "
                "lundi matin).\n"
                "- Un lecteur corrige une erreur\u00a0: le remercier publiquement et corriger le "
                "billet.\n"
                "- Une critique des guides payants\u00a0: répondre une fois, avec des faits, puis "
                "proposer d'en parler par courriel.\n"
                "- Ne jamais entrer dans les querelles sur la honte de prendre l'avion\u00a0: le "
                "voyage lent est une invitation, pas un sermon.",
            ),
            promo_ceiling=20,
            hashtags=say(
                ("#slowtravel", "#nighttrain", "#interrail", "#sansavion"),
                ("#voyagelent", "#traindenuit", "#interrail", "#sansavion"),
            ),
            keywords=say(
                ("train travel Europe", "night train routes", "travel without flying"),
                ("voyager en train en Europe", "lignes de trains de nuit", "voyager sans avion"),
            ),
            do=say(
                (
                    "Give the route, the price and the time in every post",
                    "Credit photographers and readers by name",
                    "Leave two useful comments elsewhere for every post published",
                ),
                (
                    "Donner le trajet, le prix et la durée dans chaque billet",
                    "Nommer les photographes et les lecteurs qu'on cite",
                    "Laisser deux commentaires utiles ailleurs pour chaque billet publié",
                ),
            ),
            dont=say(
                (
                    "Only talk about the paid guides",
                    "Copy the same text to every channel",
                    "Argue with trolls in public",
                ),
                (
                    "Ne parler que des guides payants",
                    "Copier le même texte sur tous les canaux",
                    "Se disputer avec les trolls en public",
                ),
            ),
        )
