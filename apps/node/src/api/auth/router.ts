// auth.*: sign in, sign out, who am I, change my password.
import { router } from '../trpc.ts';
import { changePassword } from './change-password.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { me } from './me.ts';

export const authRouter = router({ login, logout, me, changePassword });
