namespace Roster.Authorization;
