"""Dutch Farm's windows, pages and widgets."""

# The data layer is loaded before PySide6, which puts a hook in front of every import made
# after it: loading SQLAlchemy, the models and the services the first page needs after Qt
# takes about a third longer, a good part of starting up.
import dutchfarm.services.auth  # noqa: F401
import dutchfarm.services.backups  # noqa: F401
import dutchfarm.services.catalogue  # noqa: F401
import dutchfarm.services.farm_setup  # noqa: F401
import dutchfarm.services.jobs  # noqa: F401
import dutchfarm.services.people  # noqa: F401
import dutchfarm.services.rota  # noqa: F401
import dutchfarm.services.rota_day  # noqa: F401
