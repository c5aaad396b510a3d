package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// employeeShowPage is one employee of the agency's register with their documents.
type employeeShowPage struct {
	views.Base
	Employee  storage.EmployeeDetail
	Documents []employeeDocument
}

// employeeDocument is a document row of the employee page.
type employeeDocument struct {
	storage.Document
	Label string
	Size  string
}

// employeeShow shows an employee's biodata, job data and documents. An employee of another
// agency returns 404.
func (a *App) employeeShow(c *gin.Context) error {
	id, err := recordIDParam(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	e, err := a.Store.EmployeeDetail(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && e.AgencyID != userAgencyID(c)) {
		return errNotFound()
	}
	if err != nil {
		return err
	}
	docs, err := a.Store.EmployeeDocuments(ctx, e.ID)
	if err != nil {
		return err
	}

	page := employeeShowPage{
		Base:     a.base(c, domain.FullNameWithTitles(e.TitlePrefix, e.FullName, e.TitleSuffix), "employees"),
		Employee: e,
	}
	for _, d := range docs {
		page.Documents = append(page.Documents, employeeDocument{Document: d, Label: storage.DocumentLabel(d.Kind), Size: formatFileSize(d.SizeBytes)})
	}
	a.renderPage(c, http.StatusOK, "employee_show", "layout", page)
	return nil
}
