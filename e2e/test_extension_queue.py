"""The event queue in the extension's own origin (real IndexedDB, storage and
alarms): the cap drops the oldest events and the count travels with the next
delivery; failed sends back off with a persisted state and an alarm."""

from e2e.support.player import options_page

LOAD = """
    const queue = await import("/worker/queue.js");
    const idb = await import("/worker/idb.js");
    await queue.init();
"""


def test_full_queue_drops_oldest_first_and_reports_the_count(extension_browser):
    page = options_page(extension_browser)  # not configured: the worker itself sends nothing
    result = page.evaluate(
        "async () => {"
        + LOAD
        + """
        const old = Array.from({ length: queue.MAX_QUEUED - 1 },
          (_, i) => ({ event_id: `old-${i}`, kind: "page_viewed" }));
        await idb.addAll(old);
        for (const i of [1, 2, 3]) {
          await queue.enqueue({ event_id: `new-${i}`, kind: "page_viewed" });
        }
        const full = await queue.stats();
        const sent = [];
        await queue.setSender(async (batch) => {
          sent.push(batch.map((e) => ({ id: e.event_id, dropped: e.properties?.queue_dropped })));
          return { accepted: batch.length, rejected: [] };
        });
        await queue.flush();
        const ids = sent.flat();
        return { full, after: await queue.stats(), ids: ids.map((e) => e.id),
                 reported: ids.filter((e) => e.dropped).map((e) => [e.id, e.dropped]),
                 batches: sent.length };
    }"""
    )
    assert result["full"]["queued"] == 10_000
    assert result["full"]["dropped"] == 2
    assert result["ids"][:1] == ["old-2"]  # old-0 and old-1 were dropped
    assert result["ids"][-1] == "new-3"
    assert len(result["ids"]) == len(set(result["ids"])) == 10_000
    assert result["reported"] == [["old-2", 2]]  # once, on the first event delivered
    assert result["after"]["dropped"] == 0
    assert result["after"]["queued"] == 0
    assert result["batches"] == 100


def test_failed_sends_back_off_with_a_persisted_state_and_an_alarm(extension_browser):
    page = options_page(extension_browser)
    result = page.evaluate(
        "async () => {"
        + LOAD
        + """
        await queue.enqueue({ event_id: "e-1", kind: "page_viewed" });
        await queue.setSender(async () => { throw new Error("server down"); });
        const first = await queue.stats();
        await queue.flush();
        const second = await queue.stats();
        const stored = (await chrome.storage.local.get("queue:state"))["queue:state"];
        const alarm = await chrome.alarms.get("tg-flush");
        return { first, second, stored, alarm, now: Date.now() };
    }"""
    )
    first, second = result["first"], result["second"]
    assert (first["attempt"], second["attempt"]) == (1, 2)
    assert first["lastError"] == "server down"
    assert second["queued"] == 1  # still waiting, nothing lost
    assert second["nextAt"] > result["now"]
    assert result["stored"]["attempt"] == 2  # survives a worker restart
    assert abs(result["alarm"]["scheduledTime"] - (second["nextAt"] + 1000)) < 50


def test_an_event_the_server_rejects_is_dropped_and_never_resent(extension_browser):
    """A server older than an event kind refuses it per event: resending cannot help."""
    page = options_page(extension_browser)
    result = page.evaluate(
        "async () => {"
        + LOAD
        + """
        await queue.enqueue({ event_id: "known", kind: "step_shown" });
        await queue.enqueue({ event_id: "newer", kind: "target_repaired" });
        const sent = [];
        await queue.setSender(async (batch) => {
          sent.push(batch.map((e) => e.event_id));
          const index = batch.findIndex((e) => e.kind === "target_repaired");
          const rejected = index < 0 ? [] : [{ index, reason: "kind: unknown kind" }];
          return { accepted: batch.length - rejected.length, rejected };
        });
        await queue.flush();
        await queue.enqueue({ event_id: "later", kind: "step_shown" });
        await queue.flush();
        return { sent, stats: await queue.stats() };
    }"""
    )
    assert result["sent"] == [["known", "newer"], ["later"]]
    assert result["stats"]["queued"] == 0
    assert result["stats"]["rejected"] == 1
