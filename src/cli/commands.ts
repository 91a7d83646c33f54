import Plan from './plan.js';
import Validate from './validate.js';

export const commands = { plan: Plan, validate: Validate };
