// An orders back office in React with MUI: navigation, tabs, filters, a table
// whose rows repeat the same buttons, an order form and a notes card with a
// second "Save". `data-pick` marks what the guidance points at (the harness
// reads and removes it before anything is described).
import { createRoot } from "react-dom/client";
import { useEffect } from "react";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardActions from "@mui/material/CardActions";
import CardContent from "@mui/material/CardContent";
import Checkbox from "@mui/material/Checkbox";
import Chip from "@mui/material/Chip";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import InputLabel from "@mui/material/InputLabel";
import MenuItem from "@mui/material/MenuItem";
import Pagination from "@mui/material/Pagination";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Select from "@mui/material/Select";
import Switch from "@mui/material/Switch";
import Tab from "@mui/material/Tab";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import { NAV, PEOPLE } from "./data.js";

const PICKED_ROWS = { 1002: ["view"], 1003: ["edit"], 1005: ["select"], 1007: ["delete"] };
const pick = (id, what) => (PICKED_ROWS[id]?.includes(what) ? { "data-pick": `row-${id}-${what}` } : {});

function Filters() {
  return (
    <Box sx={{ display: "flex", gap: 2, p: 2, alignItems: "center" }}>
      <TextField size="small" placeholder="Search orders" data-pick="search" data-pick-inner="input" />
      <FormControl size="small" sx={{ minWidth: 140 }} data-pick="status" data-pick-inner="[role=combobox]">
        <InputLabel id="status-label">Status</InputLabel>
        <Select labelId="status-label" label="Status" defaultValue="any">
          <MenuItem value="any">Any</MenuItem>
          <MenuItem value="paid">Paid</MenuItem>
          <MenuItem value="pending">Pending</MenuItem>
        </Select>
      </FormControl>
      <TextField size="small" type="date" label="From" slotProps={{ inputLabel: { shrink: true } }} />
      <TextField size="small" type="date" label="To" slotProps={{ inputLabel: { shrink: true } }} />
      <Button variant="contained" data-pick="apply">Apply</Button>
      <Button>Reset</Button>
    </Box>
  );
}

function Orders() {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox"><Checkbox /></TableCell>
          <TableCell>Order</TableCell><TableCell>Customer</TableCell><TableCell>Total</TableCell>
          <TableCell>Status</TableCell><TableCell>Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {PEOPLE.map((p) => (
          <TableRow key={p.id} hover>
            <TableCell padding="checkbox">
              <FormControlLabel control={<Checkbox />} label="" {...pick(p.id, "select")}
                {...(PICKED_ROWS[p.id]?.includes("select") ? { "data-pick-inner": "input" } : {})} />
            </TableCell>
            <TableCell>#{p.id}</TableCell>
            <TableCell>{p.name}</TableCell>
            <TableCell>${p.total}</TableCell>
            <TableCell><Chip size="small" label={p.status} /></TableCell>
            <TableCell>
              <Button size="small" {...pick(p.id, "view")}>View</Button>
              <Button size="small" {...pick(p.id, "edit")}>Edit</Button>
              <Button size="small" color="error" {...pick(p.id, "delete")}>Delete</Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function OrderForm() {
  return (
    <Card component="form" sx={{ m: 2 }} onSubmit={(e) => e.preventDefault()}>
      <CardContent sx={{ display: "grid", gap: 2 }}>
        <Typography variant="h6">New order</Typography>
        <TextField size="small" label="Customer name" data-pick="customer-name" data-pick-inner="input" />
        <TextField size="small" label="Email" type="email" data-pick="customer-email" data-pick-inner="input" />
        <TextField size="small" label="Phone" />
        <TextField size="small" label="Shipping address" />
        <FormControlLabel control={<Checkbox />} label="Gift wrap" data-pick="gift-wrap" data-pick-inner="input" />
        <FormControlLabel control={<Switch />} label="Express shipping" data-pick="express" data-pick-inner="input" />
        <RadioGroup row defaultValue="card" name="payment">
          <FormControlLabel value="card" control={<Radio />} label="Card" />
          <FormControlLabel value="invoice" control={<Radio />} label="Invoice" data-pick="invoice" data-pick-inner="input" />
        </RadioGroup>
      </CardContent>
      <CardActions>
        <Button variant="contained" type="submit" data-pick="order-save">Save</Button>
        <Button>Cancel</Button>
      </CardActions>
    </Card>
  );
}

function Notes() {
  return (
    <Card sx={{ m: 2 }}>
      <CardContent>
        <Typography variant="h6">Notes</Typography>
        <TextField multiline minRows={3} fullWidth placeholder="Add a note for the warehouse"
          data-pick="note" data-pick-inner="textarea" />
      </CardContent>
      <CardActions>
        <Button variant="outlined" data-pick="note-save">Save</Button>
        <Button>Cancel</Button>
      </CardActions>
    </Card>
  );
}

function App() {
  useEffect(() => {
    document.documentElement.dataset.ready = "1";
  }, []);
  return (
    <Box>
      <AppBar position="static">
        <Toolbar sx={{ gap: 1 }}>
          <Typography variant="h6" sx={{ flexGrow: 1 }}>Acme orders</Typography>
          {NAV.map((name) => (
            <Button key={name} color="inherit" {...(name === "Customers" ? { "data-pick": "nav-customers" } : {})}>
              {name}
            </Button>
          ))}
          <Button color="inherit" data-pick="sign-out">Sign out</Button>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: "grid", gridTemplateColumns: "2fr 1fr" }}>
        <Box component="main">
          <Tabs value={0}>
            <Tab label="All" /><Tab label="Open" /><Tab label="Shipped" data-pick="tab-shipped" /><Tab label="Returned" />
          </Tabs>
          <Filters />
          <Orders />
          <Pagination count={8} sx={{ p: 2 }} data-pick="page-3" data-pick-inner='button[aria-label="Go to page 3"]' />
        </Box>
        <Box component="aside">
          <OrderForm />
          <Notes />
        </Box>
      </Box>
    </Box>
  );
}

createRoot(document.getElementById("app")).render(<App />);
