// Team settings in Vue 3 with Element Plus (their browser builds, no bundler):
// a menu, a profile form, an invitation form with look-alike fields, and a
// member table whose rows repeat the same buttons. `data-pick` marks what the
// guidance points at (the harness reads and removes it before describing).
/* global Vue, ElementPlus */
import { NAV, PEOPLE } from "./data.js";

const PICKED_ROWS = { 1001: "edit", 1004: "remove", 1006: "switch", 1009: "edit" };

const template = `
<el-container>
  <el-header style="display:flex;align-items:center;gap:12px">
    <strong style="flex:1">Acme team</strong>
    <el-menu mode="horizontal" :ellipsis="false" default-active="Settings" style="flex:3">
      <el-menu-item v-for="name in nav" :key="name" :index="name"
        :data-pick="name === 'Reports' ? 'nav-reports' : null">{{ name }}</el-menu-item>
    </el-menu>
    <el-button text data-pick="help">Help</el-button>
    <el-button text>Sign out</el-button>
  </el-header>
  <el-container>
    <el-main>
      <el-tabs model-value="members">
        <el-tab-pane label="Members" name="members"></el-tab-pane>
        <el-tab-pane label="Roles" name="roles"></el-tab-pane>
        <el-tab-pane label="Audit log" name="audit"></el-tab-pane>
      </el-tabs>
      <div style="display:flex;gap:8px;margin-bottom:12px">
        <el-input v-model="query" placeholder="Search members" style="width:240px" data-pick="search"></el-input>
        <el-select v-model="team" placeholder="Team" style="width:160px" data-pick="team" data-pick-inner="input">
          <el-option v-for="t in teams" :key="t" :label="t" :value="t"></el-option>
        </el-select>
        <el-button type="primary" data-pick="filter">Filter</el-button>
        <el-button>Clear</el-button>
        <el-button data-pick="export">Export</el-button>
      </div>
      <el-table :data="people" style="width:100%">
        <el-table-column type="selection" width="40"></el-table-column>
        <el-table-column prop="name" label="Name"></el-table-column>
        <el-table-column prop="email" label="Email"></el-table-column>
        <el-table-column prop="team" label="Team"></el-table-column>
        <el-table-column label="Active" width="80">
          <template #default="scope">
            <el-switch v-model="scope.row.active"
              :data-pick="marked(scope.row, 'switch')"></el-switch>
          </template>
        </el-table-column>
        <el-table-column label="Actions" width="200">
          <template #default="scope">
            <el-button size="small" :data-pick="marked(scope.row, 'edit')">Edit</el-button>
            <el-button size="small" type="danger" :data-pick="marked(scope.row, 'remove')">Remove</el-button>
          </template>
        </el-table-column>
      </el-table>
      <el-pagination layout="prev, pager, next" :total="80" style="margin-top:12px"
        data-pick="next-page" data-pick-inner="button.btn-next"></el-pagination>
    </el-main>
    <el-aside width="360px" style="padding:12px">
      <el-card header="Your profile">
        <el-form label-position="top">
          <el-form-item label="Display name"><el-input v-model="profile.name" data-pick="display-name"></el-input></el-form-item>
          <el-form-item label="Email"><el-input v-model="profile.email" data-pick="profile-email"></el-input></el-form-item>
          <el-form-item label="Time zone">
            <el-select v-model="profile.zone" placeholder="Choose a time zone">
              <el-option label="UTC" value="UTC"></el-option><el-option label="Europe/Paris" value="Europe/Paris"></el-option>
            </el-select>
          </el-form-item>
          <el-form-item><el-checkbox v-model="profile.digest" data-pick="digest">Weekly digest</el-checkbox></el-form-item>
          <el-form-item>
            <el-button type="primary" data-pick="profile-save">Save</el-button><el-button>Cancel</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card header="Invite people" style="margin-top:12px">
        <el-form label-position="top">
          <el-form-item label="Email"><el-input v-model="invite.email" placeholder="name@example.test" data-pick="invite-email"></el-input></el-form-item>
          <el-form-item label="Role">
            <el-radio-group v-model="invite.role">
              <el-radio value="member">Member</el-radio>
              <el-radio value="admin" data-pick="invite-admin">Admin</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="Message"><el-input type="textarea" v-model="invite.message" data-pick="invite-message"></el-input></el-form-item>
          <el-form-item>
            <el-button type="primary" data-pick="invite-send">Send invitation</el-button><el-button>Cancel</el-button>
          </el-form-item>
        </el-form>
      </el-card>
    </el-aside>
  </el-container>
</el-container>`;

const app = Vue.createApp({
  template,
  data: () => ({
    nav: NAV,
    teams: ["Engineering", "Operations", "Research", "Finance"],
    people: PEOPLE.map((p) => ({ ...p, active: p.status !== "Refunded" })),
    query: "",
    team: "",
    profile: { name: "Ada Lovelace", email: "ada@example.test", zone: "UTC", digest: true },
    invite: { email: "", role: "member", message: "" },
  }),
  methods: {
    marked: (row, what) => (PICKED_ROWS[row.id] === what ? `row-${row.id}-${what}` : null),
  },
  mounted() {
    // The table lays its rows out after the first render.
    setTimeout(() => { document.documentElement.dataset.ready = "1"; }, 300);
  },
});
app.use(ElementPlus);
app.mount("#app");
