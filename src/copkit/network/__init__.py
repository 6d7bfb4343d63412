"""The expertise network: who knows what, who could mentor whom, gaps, brokers and silos.

:func:`copkit.network.graph.build_graph` turns the resolved repository and its git history
into one typed graph; every question (experts, mentors, gaps, brokers, silos, suggested
communities, invitations, the people and skill directories) reads that graph and answers
with plain dataclasses that have a ``to_dict()`` for JSON and the site.
"""
