from netra.patrol.tests.fixtures import patrol_world  # noqa: F401 (a fixture)
