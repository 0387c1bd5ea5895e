import { authConfigActionRoutes } from './actions.ts';
import { authConfigCrudRoutes } from './crud.ts';

export const authConfigRoutes = [...authConfigCrudRoutes, ...authConfigActionRoutes];
