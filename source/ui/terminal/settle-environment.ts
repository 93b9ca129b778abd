import {settleEnvironment} from '../theme.js';

// Imported by run-wizard before Ink: chalk (inside Ink) reads the environment once, as it loads,
// and module evaluation follows import order. See settleEnvironment.
settleEnvironment(process.env);
