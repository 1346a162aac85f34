"""scim2-tester, the SCIM conformance checker, against the live server: every check it
derives from what the server publishes (discovery, CRUD, PATCH, attribute selection,
searches) succeeds, none skipped."""

import httpx2
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server


def test_the_server_passes_scim2_tester(provisioning):
    with httpx2.Client(
        base_url=f"{provisioning.base}/scim/v2",
        headers={"Authorization": f"Bearer {provisioning.token}"},
    ) as http:
        results = check_server(SyncSCIMClient(http))
    failures = [
        f"{r.status.name} {r.title}: {r.reason}" for r in results if r.status != Status.SUCCESS
    ]
    assert len(results) > 50
    assert failures == [], "\n".join(failures)
