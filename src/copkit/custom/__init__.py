"""An organisation's own governance, declared in copkit.yaml: extension fields and rules.

``schemas`` compiles JSON Schemas safely (RE2 patterns, no remote references, bounded
size); ``compile`` turns the config's ``fields:`` and ``rules:`` into validators and rule
classes once per run; ``facts`` derives the cross-entity facts rules may test.
"""
