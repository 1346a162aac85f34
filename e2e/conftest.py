pytest_plugins = ("tests.support.plugin", "e2e.support.fixtures")
