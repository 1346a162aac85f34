// Trailguide service worker. The foundation only announces itself; the
// player issue adds content sync, the event queue and dynamic injection.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  console.info(`Trailguide ${chrome.runtime.getManifest().version} ${reason}`);
});
