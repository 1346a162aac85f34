// A real OpenID Connect provider (panva's oidc-provider) for the single sign-on tests.
// Usage: node provider.mjs PORT. Any login is accepted by its development sign-in
// form; the login typed is the person's email. Two clients: "trailguide" and
// "other-app" (tokens for the wrong audience). Consent is granted at once.
import Provider from "oidc-provider";

const port = Number(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;
// Any port of this machine: the Trailguide under test runs on a free port chosen later.
const CALLBACK = /^http:\/\/(127\.0\.0\.1:\d+|localhost)\/console\/sso\/callback$/;

const client = (id) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: ["http://localhost/console/sso/callback"],
  response_types: ["code"],
  grant_types: ["authorization_code"],
});

const provider = new Provider(issuer, {
  clients: [client("trailguide"), client("other-app")],
  pkce: { required: () => true },
  // Claims in the ID token itself, as most providers send them for the email scope.
  conformIdTokenClaims: false,
  cookies: { keys: ["test-only-cookie-key"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id,
          email_verified: !id.startsWith("unverified"),
          name: id.split("@")[0],
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    grant.addOIDCClaims(["email", "email_verified", "name"]);
    await grant.save();
    return grant;
  },
});
provider.Client.prototype.redirectUriAllowed = (uri) => CALLBACK.test(uri);
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
