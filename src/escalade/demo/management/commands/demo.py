from django.core.management.base import BaseCommand

from escalade.demo.lsu import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Charge (ou recharge) la démo LSU : entités, groupes, catégories, profils, comptes."

    def handle(self, *args, **options) -> None:
        demo = load_demo()
        from escalade.demo.slas import load_sla_demo

        load_sla_demo(demo)
        self.stdout.write(self.style.SUCCESS("Démo LSU chargée."))
        self.stdout.write(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        for login, first, last in USERS:
            self.stdout.write(f"  {login:<14} {first} {last}")
