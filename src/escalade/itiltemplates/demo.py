"""The demo's templates and solution types, for the LSU desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalade.itiltemplates.models import (
    FollowupTemplate,
    SolutionTemplate,
    SolutionType,
    TaskTemplate,
)
from escalade.tickets.richtext import from_plain

if TYPE_CHECKING:
    from escalade.demo.lsu import Demo


def load(demo: Demo) -> None:
    shared = {"entity": demo.academie, "is_recursive": True}
    workaround, _ = SolutionType.objects.update_or_create(name="Contournement", defaults=shared)
    SolutionType.objects.update_or_create(name="Correctif", defaults=shared)
    explained, _ = SolutionType.objects.update_or_create(
        name="Explication à l'utilisateur", defaults=shared
    )
    followup, _ = FollowupTemplate.objects.update_or_create(
        name="LSU : demande de capture d'écran",
        defaults={
            **shared,
            "content": from_plain(
                "Bonjour {{ demandeur.prenom }},\n\nPourriez-vous joindre une capture d'écran "
                "du message d'erreur de LSU (ticket n° {{ ticket.id }}) ?\n\n"
                "{{ technicien.nom_complet }}, référent LSU"
            ),
        },
    )
    followup.categories.set([demo.lsu])
    FollowupTemplate.objects.update_or_create(
        name="Prise en compte",
        defaults={
            **shared,
            "content": from_plain(
                "Bonjour {{ demandeur.prenom }},\n\nVotre demande « {{ ticket.titre }} » est "
                "prise en compte."
            ),
        },
    )
    task, _ = TaskTemplate.objects.update_or_create(
        name="LSU : vérifier le profil ARENA",
        defaults={
            **shared,
            "is_private": True,
            "duration_seconds": 900,
            "content": from_plain("Vérifier le profil ARENA de {{ demandeur.nom_complet }}."),
        },
    )
    task.categories.set([demo.lsu])
    solution, _ = SolutionTemplate.objects.update_or_create(
        name="LSU : profil ARENA à rafraîchir",
        defaults={
            **shared,
            "solution_type": workaround,
            "content": from_plain(
                "Bonjour {{ demandeur.prenom }},\n\nDéconnectez-vous d'ARENA puis "
                "reconnectez-vous : votre profil LSU est rafraîchi à la connexion."
            ),
        },
    )
    solution.categories.set([demo.lsu])
    SolutionTemplate.objects.update_or_create(
        name="Explication donnée",
        defaults={
            **shared,
            "solution_type": explained,
            "content": from_plain("Explication donnée par téléphone."),
        },
    )
