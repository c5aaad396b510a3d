package handlers

import (
	"context"

	"sinop/domain"
	"sinop/storage"
)

// authoriseDocument decides whether user may open doc, by role and ownership. BKD and the
// superadmin may open any document. An agency admin may open a recommendation letter addressed to
// its agency and the documents of candidates in its agency's proposals or of its employees,
// superseded versions included. Everything else gets 404, as a missing document would.
func (a *App) authoriseDocument(ctx context.Context, user storage.User, doc storage.Document) error {
	switch user.Role {
	case domain.RoleBKD, domain.RoleSuperadmin:
		return nil
	case domain.RoleOPD:
		visible, err := a.Store.DocumentVisibleToAgency(ctx, doc.ID, user.AgencyID.Int64)
		if err != nil {
			return err
		}
		if visible {
			return nil
		}
	}
	return errNotFound()
}
