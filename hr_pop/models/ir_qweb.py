# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import models

COMPILE_CACHE_CONTEXT_KEY = "hr_pop_qweb_compile_cache"


class QwebCompileCache(dict):
    """Compiled QWeb functions by template source, for one batch of mails.

    Hashable by identity, so that it can travel in an (immutable, hashed) context.
    """

    __hash__ = object.__hash__


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _compile(self, template):
        # A mail template's body reaches QWeb as a new element tree for every record
        # it is rendered on, which Odoo compiles every time: a batch of our mails
        # compiles it once (the source is the same, so is the code).
        cache = self.env.context.get(COMPILE_CACHE_CONTEXT_KEY)
        if not isinstance(cache, QwebCompileCache) or not isinstance(
            template, etree._Element
        ):
            return super()._compile(template)
        key = etree.tostring(template)
        if key not in cache:
            cache[key] = super()._compile(template)
        return cache[key]
